"""Gera a amostra embutida do MNIST (mnist_course/amostra/) a partir do conjunto completo.

Uso: MNIST_COURSE_DATA=/pasta/com/MNIST python tools/gerar_amostra.py
"""
import gzip, struct
from pathlib import Path

import torch
from mnist_course.dados import carregar_mnist, escolher_amostra, PASTA_AMOSTRA

POR_CLASSE = {'train': 200, 't10k': 50}

def idx_bytes(tensor:torch.Tensor) -> bytes:
    "O `tensor` uint8 no formato IDX do MNIST (cabeçalho big-endian seguido dos bytes)."
    codigo = 0x0800 | tensor.dim()
    return (struct.pack('>I', codigo) + struct.pack(f'>{tensor.dim()}I', *tensor.shape)
            + tensor.numpy().tobytes())

def gravar_gz(caminho:Path, dados:bytes):
    ("Grava `dados` comprimidos em `caminho`, sem data no cabeçalho "
     "(o arquivo sai igual a cada execução).")
    with open(caminho, 'wb') as bruto, gzip.GzipFile(fileobj=bruto, mode='wb', compresslevel=9,
                                                     mtime=0, filename='') as f:
        f.write(dados)

def main():
    PASTA_AMOSTRA.mkdir(exist_ok=True)
    for prefixo, treino in (('train', True), ('t10k', False)):
        ds = carregar_mnist(treino=treino, baixar=False)
        if ds.amostra: raise SystemExit('É preciso o MNIST completo para gerar a amostra: '
                                        'aponte MNIST_COURSE_DATA para ele.')
        idx = escolher_amostra(ds.targets, POR_CLASSE[prefixo])
        gravar_gz(PASTA_AMOSTRA/f'{prefixo}-images-idx3-ubyte.gz', idx_bytes(ds.data[idx]))
        gravar_gz(PASTA_AMOSTRA/f'{prefixo}-labels-idx1-ubyte.gz',
                  idx_bytes(ds.targets[idx].to(torch.uint8)))
        print(f'{prefixo}: {len(idx)} imagens')

if __name__ == '__main__': main()
