"""Executa as lições no lugar, com os dados reais, para que os notebooks mostrem os resultados desta
máquina.

As barras de progresso do tqdm viram widgets sem estado salvo, que um notebook gravado não consegue
mostrar; elas são retiradas das saídas depois da execução.

Uso: MNIST_COURSE_DATA=/pasta/com/MNIST python tools/executar_licoes.py [nbs/LICAO.ipynb ...]
     python tools/executar_licoes.py --sem-executar ...   (só retira as barras de progresso)
"""
import argparse, time
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

WIDGET = 'application/vnd.jupyter.widget-view+json'

def tirar_barras(nb):
    "Retira de `nb` as saídas que são widgets (as barras de progresso) e o estado de widgets."
    for cell in nb.cells:
        if cell.cell_type == 'code':
            cell.outputs = [o for o in cell.outputs if WIDGET not in o.get('data', {})]
    nb.metadata.pop('widgets', None)

def executar(caminho:Path, rodar:bool=True):
    nb = nbformat.read(caminho, as_version=4)
    if rodar: ExecutePreprocessor(timeout=3600, kernel_name='python3').preprocess(
        nb, {'metadata': {'path': str(caminho.parent)}})
    tirar_barras(nb)
    nbformat.write(nb, caminho)

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='*', type=Path, help='padrão: todas as lições em nbs/')
    p.add_argument('--sem-executar', action='store_true', help='só retira as barras de progresso')
    args = p.parse_args()
    for nb in args.notebooks or sorted(Path('nbs').glob('[!_]*.ipynb')):
        inicio = time.perf_counter()
        executar(nb, not args.sem_executar)
        print(f'{nb}: {time.perf_counter() - inicio:.0f} s')
