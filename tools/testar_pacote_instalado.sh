#!/usr/bin/env bash
# O curso como um aluno o recebe, longe do clone: o wheel construído daqui, instalado com [curso]
# num ambiente virtual novo; as lições copiadas com `mnist-curso aulas`; uma resposta escrita na 00;
# as lições 00, 04 e 07 executadas com `jupyter nbconvert --execute` na pasta delas; e o progresso
# que ficou. Confere também que nada foi gravado fora da pasta das lições, a não ser o progresso.
#
# Uso: bash tools/testar_pacote_instalado.sh   (com MNIST_COURSE_DATA apontando para o MNIST)
set -euo pipefail
raiz=$(cd "$(dirname "$0")/.." && pwd)
trabalho=$(mktemp -d) registros=$(mktemp -d)  # os registros dos comandos ficam à parte
trap 'rm -rf "$trabalho" "$registros"' EXIT
falhar() { echo "FALHOU: $*" >&2; exit 1; }

echo "-- o wheel, num ambiente virtual novo"
python3 -m pip wheel --no-deps -w "$trabalho/dist" "$raiz" > "$registros/wheel.log" 2>&1 \
  || { tail -30 "$registros/wheel.log"; falhar "o wheel não foi construído"; }
python3 -m venv "$trabalho/venv"
"$trabalho/venv/bin/pip" install "$(ls "$trabalho"/dist/*.whl)[curso]" > "$registros/pip.log" 2>&1 \
  || { tail -30 "$registros/pip.log"; falhar "o wheel não foi instalado com [curso]"; }

# Daqui em diante, só o ambiente novo, uma casa vazia e uma pasta sem clone por perto
export PATH="$trabalho/venv/bin:$PATH" HOME="$trabalho/casa" MNIST_COURSE_RAPIDO=1
unset XDG_DATA_HOME MNIST_CURSO_PROGRESSO MNIST_CURSO_ALUNO PYTHONPATH VIRTUAL_ENV
mkdir -p "$HOME" "$trabalho/aluno"
cd "$trabalho/aluno"
python -c "import mnist_course.aulas as a; print('material em', a.pasta_do_curso())" \
  | grep -q "$trabalho/venv/.*/mnist_course/material" || falhar "o material não veio do wheel"
estado_do_clone=$(git -C "$raiz" status --porcelain)

fotografia() { # os arquivos fora da pasta das lições e dos caches do Jupyter e do matplotlib
  find "$trabalho" \( -path "$trabalho/aluno/aulas" -o -name __pycache__ -o -path "$HOME/.cache" \
    -o -path "$HOME/.config/matplotlib" -o -path "$HOME/.ipython" -o -path "$HOME/.jupyter" \
    -o -path "$HOME/.local/share/jupyter" \) -prune -o -type f -print | sort
}
antes=$(fotografia)

echo "-- mnist-curso aulas"
mnist-curso aulas aulas
[ "$(ls aulas/*.ipynb | wc -l)" -eq 8 ] || falhar "esperava 8 lições em aulas/"

echo "-- a resposta certa do exercício 00.1, escrita na lição 00"
python - <<'EOF'
import json
from pathlib import Path
caminho = Path('aulas/00_dados.ipynb')
nb = json.loads(caminho.read_text(encoding='utf-8'))
fontes = [''.join(c['source']) for c in nb['cells']]
i = fontes.index("conferir('00.1', resposta)")
assert fontes[i - 1] == 'resposta = ...'
nb['cells'][i - 1]['source'] = ['resposta = (treino.data.dtype, treino.data.max().item())']
caminho.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding='utf-8')
EOF

for licao in 00_dados 04_resultados 07_desenhe; do
  echo "-- jupyter nbconvert --execute aulas/$licao.ipynb"
  inicio=$(date +%s)
  jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.timeout=900 \
    "aulas/$licao.ipynb" > "$registros/$licao.log" 2>&1 \
    || { tail -40 "$registros/$licao.log"; falhar "$licao terminou com erro"; }
  echo "$licao: $(( $(date +%s) - inicio )) s"
done
grep -q '✔ ' aulas/00_dados.ipynb || falhar "a conferência do 00.1 não deu ✔"

echo "-- nada gravado fora da pasta das lições, a não ser o progresso"
banco="$HOME/.local/share/mnist_course/progresso.sqlite3"
[ -f "$banco" ] || falhar "o progresso não está em $banco"
novos=$(comm -13 <(echo "$antes") <(fotografia) | grep -vxF "$banco" || true)
[ -z "$novos" ] || falhar "arquivos gravados fora de aulas/: $novos"
[ "$(git -C "$raiz" status --porcelain)" = "$estado_do_clone" ] || falhar "o clone mudou"

echo "-- mnist-curso progresso"
mnist-curso progresso | tee progresso.txt
grep -q '^Lição 00_dados: 1 de 7 resolvidos. Faltam: 00.2, 00.3' progresso.txt \
  || falhar "o progresso não mostra o 00.1 resolvido"
mnist-curso progresso --csv turma.csv --aluno 'Ana Souza'
grep -q '^Ana Souza;00.1;00_dados;sim;1;' turma.csv || falhar "o CSV não tem o 00.1 resolvido"

echo "-- mnist-curso aulas de novo: a 00, respondida, é mantida; a 04 e a 07, só rodadas, ficam"
rodadas=$(cat aulas/04_resultados.ipynb aulas/07_desenhe.ipynb | sha256sum)
mnist-curso aulas aulas | tee copia.txt
grep -qF 'Mantive 1 lição que você alterou: 00_dados.ipynb.' copia.txt \
  || falhar "a lição respondida não foi mantida"
[ "$(cat aulas/04_resultados.ipynb aulas/07_desenhe.ipynb | sha256sum)" = "$rodadas" ] \
  || falhar "as lições rodadas foram sobrescritas"
mnist-curso --help > /dev/null && mnist-curso treinar --help > /dev/null
echo "o pacote instalado funciona fora do clone"
