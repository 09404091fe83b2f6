"""Confere as saídas gravadas nos notebooks: nenhuma mostra um caminho absoluto da máquina em que
foram executados (/root, /tmp, /work, /home, /Users...). O que o leitor vê no site e no GitHub
precisa servir para qualquer um; um caminho assim só diz onde o notebook rodou.

Uso: python tools/conferir_saidas.py [nbs/LICAO.ipynb ...]   (padrão: todos os notebooks em nbs/)
"""
import json, re, sys
from pathlib import Path

CAMINHO = re.compile(r'(?<![\w.])(/root|/tmp|/work|/home|/Users|/private/var)/[^\s\'"]*')

def textos(saida:dict) -> str:
    "O texto de uma saída de célula: fluxo, texto puro e HTML."
    dados = saida.get('data', {})
    partes = [saida.get('text', ''), dados.get('text/plain', ''), dados.get('text/html', '')]
    partes += saida.get('traceback', [])
    return ''.join(''.join(p) if isinstance(p, list) else p for p in partes)

def caminhos(notebook:Path) -> list[str]:
    "'célula N: caminho' para cada caminho absoluto nas saídas de `notebook`."
    celulas = json.loads(notebook.read_text(encoding='utf-8'))['cells']
    achados = []
    for i, celula in enumerate(celulas):
        for saida in celula.get('outputs', []):
            achados += [f'célula {i}: {m.group(0)[:80]}' for m in CAMINHO.finditer(textos(saida))]
    return achados

if __name__ == '__main__':
    notebooks = [Path(a) for a in sys.argv[1:]] or sorted(Path('nbs').glob('[!_]*.ipynb'))
    problemas = [f'{nb}: {achado}' for nb in notebooks for achado in caminhos(nb)]
    print('\n'.join(problemas) or f'{len(notebooks)} notebooks sem caminhos da máquina nas saídas')
    sys.exit(1 if problemas else 0)
