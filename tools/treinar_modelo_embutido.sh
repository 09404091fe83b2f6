#!/usr/bin/env bash
# Treina a CNN pré-treinada que acompanha o pacote (mnist_course/modelos/cnn.pt) com o próprio
# comando do curso, no MNIST completo, e grava ao lado o comando exato, as métricas e a máquina
# (cnn.json).
# Uso: MNIST_COURSE_DATA=/pasta/com/MNIST bash tools/treinar_modelo_embutido.sh
set -euo pipefail
cd "$(dirname "$0")/.."
saida=$(mktemp -d)/cnn
comando=(mnist-curso treinar --modelo cnn)
"${comando[@]}" --saida "$saida"
mkdir -p mnist_course/modelos
cp "$saida/modelo.pt" mnist_course/modelos/cnn.pt
python - "$saida/metricas.json" "${comando[*]}" <<'PY'
import json, platform, sys, torch
metricas = json.load(open(sys.argv[1], encoding='utf-8'))
if metricas['amostra']: sys.exit('O modelo embutido precisa ser treinado com o MNIST completo: '
                                 'aponte MNIST_COURSE_DATA para ele.')
maquina = dict(processador=platform.processor() or platform.machine(), torch=torch.__version__,
               threads=torch.get_num_threads())
dados = dict(comando=sys.argv[2], maquina=maquina, **metricas)
open('mnist_course/modelos/cnn.json', 'w', encoding='utf-8').write(
    json.dumps(dados, ensure_ascii=False, indent=2) + '\n')
print(f"mnist_course/modelos/cnn.pt: acurácia de teste {metricas['acuracia_teste']:.2%}, "
      f"{metricas['tempo_treino_s']:.1f} s de treino")
PY
