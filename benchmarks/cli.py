"""Quanto tempo `mnist-curso` leva para responder, comparado a só importar o PyTorch.

Uso (da raiz do repositório, com o pacote instalado e a máquina livre):

    python benchmarks/cli.py               # 5 execuções de cada comando
    python benchmarks/cli.py --vezes 9     # mais execuções, mediana mais estável

Cada comando roda num processo novo, `--vezes` vezes; a tabela mostra a mediana do
tempo de parede e a razão contra `python -c "import torch"`, medido do mesmo jeito.
A meta: a ajuda e os erros de uso levam menos de um quarto do tempo de importar o
PyTorch. Não roda na integração contínua.
"""
import argparse, statistics, subprocess, sys, tempfile, time
from pathlib import Path

from mnist_course.formato import numero, segundos

PROGRAMA = Path(sys.executable).parent / 'mnist-curso'


def mediana_de(comando: list[str], vezes: int) -> float:
    "A mediana, em segundos, do tempo de parede de `vezes` execuções de `comando`."
    tempos = []
    for _ in range(vezes):
        inicio = time.perf_counter()
        subprocess.run(comando, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        tempos.append(time.perf_counter() - inicio)
    return statistics.median(tempos)


def imagem_de_teste(pasta: Path) -> Path:
    "Um dígito do conjunto de teste da amostra embutida, gravado como PNG em `pasta`."
    from PIL import Image

    from mnist_course.arquivos import carregar_amostra

    digito = carregar_amostra(treino=False).data[0]
    caminho = pasta / 'digito.png'
    Image.fromarray(255 - digito.numpy()).resize((140, 140)).save(caminho)
    return caminho


def comandos(imagem: Path) -> dict[str, list[str]]:
    "Os comandos medidos, pelo nome que aparece na tabela."
    cli = [str(PROGRAMA)]
    return {
        'python -c "import torch"': [sys.executable, '-c', 'import torch'],
        'mnist-curso --ajuda': [*cli, '--ajuda'],
        'mnist-curso treinar --ajuda': [*cli, 'treinar', '--ajuda'],
        'mnist-curso treinar --modelo rnn (erro de uso)': [
            *cli, 'treinar', '--modelo', 'rnn'
        ],
        'mnist-curso prever IMAGEM': [*cli, 'prever', str(imagem)],
    }


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--vezes', type=int, default=5, help='execuções de cada comando')
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as pasta:
        medidos = comandos(imagem_de_teste(Path(pasta)))
        tempos = {nome: mediana_de(c, args.vezes) for nome, c in medidos.items()}
    base = tempos['python -c "import torch"']
    largura = max(map(len, tempos))
    print(f"{'comando'.ljust(largura)}  {'mediana':>9}  {'razão':>6}")
    for nome, t in tempos.items():
        print(f"{nome.ljust(largura)}  {segundos(t, 2):>9}  {numero(t / base, 2):>6}")
    print(f"(mediana de {args.vezes} execuções; razão: tempo / tempo do import torch)")


if __name__ == '__main__':
    main()
