"""Confere que as lições principais (nbs/00_ a nbs/09_) se leem igual no site e no Jupyter.

- Toda célula `#| hide`, que o site não mostra, vem recolhida no JupyterLab: metadado
  `jupyter.source_hidden` (e `outputs_hidden`, se ela tem saída). O `settings.ini` deixa o
  `nbdev_clean` manter a chave `jupyter`.
- Nenhum texto promete funções "escondidas": no Jupyter, nada fica escondido.

Uso: python tools/conferir_licoes.py [--corrigir] [nbs/LICAO.ipynb ...]
     --corrigir grava o metadado que falta, em vez de só apontar as células.
"""
import json, re, sys
from pathlib import Path

ESCONDE = re.compile(r'^#\|\s*hide\b', re.M)
PROMESSA = re.compile(r'escondid', re.I)

def recolhida(celula:dict) -> bool:
    "O JupyterLab abre `celula` recolhida: o código e, se houver, a saída."
    jupyter = celula.get('metadata', {}).get('jupyter', {})
    return bool(jupyter.get('source_hidden')) and (not celula.get('outputs')
                                                   or bool(jupyter.get('outputs_hidden')))

def recolher(celula:dict):
    "Grava em `celula` o metadado que a abre recolhida no JupyterLab."
    jupyter = celula.setdefault('metadata', {}).setdefault('jupyter', {})
    jupyter['source_hidden'] = True
    if celula.get('outputs'):
        jupyter['outputs_hidden'] = True

def problemas(notebook:Path, corrigir:bool=False) -> list[str]:
    "'célula N: o que há de errado' para cada problema de `notebook` (e corrige, se pedido)."
    nb = json.loads(notebook.read_text(encoding='utf-8'))
    achados, mudou = [], False
    for i, celula in enumerate(nb['cells']):
        texto = ''.join(celula['source'])
        if celula['cell_type'] == 'markdown' and PROMESSA.search(texto):
            achados.append(f'célula {i}: o texto fala de algo "escondido", que o Jupyter mostra')
        if celula['cell_type'] == 'code' and ESCONDE.search(texto) and not recolhida(celula):
            if corrigir:
                recolher(celula)
                mudou = True
            else:
                achados.append(f'célula {i}: `#| hide` sem jupyter.source_hidden'
                               ' (python tools/conferir_licoes.py --corrigir grava o metadado)')
    if mudou:
        notebook.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + '\n', encoding='utf-8')
    return achados

if __name__ == '__main__':
    corrigir = '--corrigir' in sys.argv
    notebooks = [Path(a) for a in sys.argv[1:] if a != '--corrigir']
    notebooks = notebooks or sorted(Path('nbs').glob('0[0-9]_*.ipynb'))
    achados = [f'{nb}: {a}' for nb in notebooks for a in problemas(nb, corrigir)]
    print('\n'.join(achados) or f'{len(notebooks)} lições: nada escondido só num dos dois meios')
    sys.exit(1 if achados else 0)
