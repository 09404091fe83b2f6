"""Velocidade e acurácia do mnist_course contra as receitas de referência, na mesma máquina e
na mesma execução.

Uso (da raiz do repositório, com nada mais rodando na máquina):

    python benchmarks/velocidade.py            # completo: ~40 min numa CPU de 2 núcleos
    python benchmarks/velocidade.py --rapido   # confere que tudo funciona, ~1 min

Mede:
1. as receitas de referência, reimplementadas a partir da sua descrição publicada, com o
   `DataLoader` clássico (uma imagem por vez, `ToTensor` + `Normalize`), até 99,0% de acurácia
   de teste ou o limite de tempo: (a) a do tutorial original e (b) a do exemplo MNIST do
   pytorch/examples;
2. a receita publicada mais rápida, (c) a de tuomaso/train_mnist_fast, com os mesmos dados em
   memória que o curso usa e 5 sementes: a sua única época sobre as 60.000 imagens de treino;
3. a receita rápida do curso (`RECEITAS_CNN['rapida']`) com 5 sementes;
4. a receita precisa do curso (`RECEITAS_CNN['precisa']`) com 3 sementes;
5. o limite da máquina: a vazão de um produto de matrizes grande (`torch.mm`) em float32 e em
   bfloat16, e a fração da vazão em float32 que a receita rápida alcança (multiplicações-somas
   contadas na arquitetura: propagação direta e retropropagação);
6. a vazão dos dados: uma passagem pelas 60.000 imagens de treino, clássico contra em memória;
7. o tempo de parede da suíte de testes inteira (`nbdev_test`).

Os tempos de treino não incluem as avaliações. A acurácia de teste é medida ao fim de cada época.
Escreve o JSON (`--saida`) e a mesma tabela em Markdown ao lado dele (extensão .md).
"""
import argparse, json, os, platform, statistics, subprocess, sys, time
from dataclasses import asdict, replace
from datetime import datetime, timezone
from pathlib import Path

import torch
from torch import nn
from torch.utils.data import DataLoader

from mnist_course.cnn import RECEITAS_CNN, RedeConvolucional, multiplicacoes_por_imagem
from mnist_course.dados import (TRANSFORMACAO_MNIST, CarregadorEmMemoria, carregadores_mnist,
                                carregar_mnist, normalizar_imagens)
from mnist_course.desempenho import bf16_nativo, dados_da_cpu, usar_threads
from mnist_course.formato import numero, porcentagem, segundos
from mnist_course.treino import avaliar, fixar_semente
from mnist_course.treino_avancado import Callback, treinar_com_callbacks, treinar_receita

N_TREINO = 55_000  # imagens de treino das receitas do curso (60.000 menos a validação)

RAIZ = Path(__file__).resolve().parent.parent
ALVO = 0.99

# --- As receitas de referência, como foram publicadas ---------------------------------------------

def rede_do_tutorial() -> nn.Module:
    ("(a) A CNN do tutorial original: "
     "conv 20@5×5, ReLU, pool; conv 50@5×5, ReLU, pool; 800 → 500 → 10.")
    return nn.Sequential(nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(20, 50, 5), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(800, 500), nn.ReLU(), nn.Linear(500, 10))

def rede_do_pytorch_examples() -> nn.Module:
    ("(b) A rede do exemplo MNIST do pytorch/examples: "
     "conv 32@3×3, conv 64@3×3, pool, dropout, 9216 → 128 → 10.")
    return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.Conv2d(32, 64, 3), nn.ReLU(),
                         nn.MaxPool2d(2), nn.Dropout(0.25), nn.Flatten(),
                         nn.Linear(9216, 128), nn.ReLU(), nn.Dropout(0.5), nn.Linear(128, 10))

def rede_tuomaso() -> nn.Module:
    ("(c) A rede de tuomaso/train_mnist_fast: "
     "conv 24@5×5, pool, ReLU; conv 32@3×3, pool, ReLU; 800 → 256 → 10.")
    return nn.Sequential(nn.Conv2d(1, 24, 5), nn.MaxPool2d(2), nn.ReLU(),
                         nn.Conv2d(24, 32, 3), nn.MaxPool2d(2), nn.ReLU(),
                         nn.Flatten(), nn.Linear(800, 256), nn.ReLU(), nn.Linear(256, 10))

DESCRICAO_C = ('conv24-conv32-fc256, Adam lr 0,01 betas (0,7; 0,9), '
               'OneCycle até 0,01 sem ciclo de momento, lote 256, '
               'uma época nas 60.000 imagens de treino, float32, dados em memória')

REFERENCIAS = {
    'tutorial original (a)': dict(
        criar=rede_do_tutorial,
        descricao='conv20-conv50-fc500, SGD lr 0,01 momento 0,5, lote 64, DataLoader por imagem',
        otimizador=lambda p, passos: (torch.optim.SGD(p, lr=0.01, momentum=0.5), None)),
    'pytorch/examples (b)': dict(
        criar=rede_do_pytorch_examples,
        descricao='conv32-conv64-dropout-fc128, Adadelta lr 1,0, StepLR gama 0,7 por época, '
                  'lote 64, DataLoader por imagem',
        otimizador=lambda p, passos: (
            o := torch.optim.Adadelta(p, lr=1.0),
            torch.optim.lr_scheduler.StepLR(o, step_size=passos, gamma=0.7))),
}

class PrimeirosLotes:
    "Só os `n` primeiros lotes de um carregador (modo --rapido)."
    def __init__(self, carregador, n): self.carregador, self.n = carregador, n
    def __len__(self): return min(self.n, len(self.carregador))
    def __iter__(self):
        for i, lote in zip(range(self.n), self.carregador): yield lote

def acompanhar_teste(teste, limite_s:float|None=None, parar_no_alvo:bool=False):
    ("Uma função `ao_fim_da_epoca` que anota a acurácia de teste e o tempo de treino acumulado "
     "(e para, se pedido).")
    curva = []
    def ao_fim_da_epoca(modelo, historico, *_):
        tempo = sum(h['tempo_s'] for h in historico)
        curva.append(dict(epoca=len(historico), tempo_treino_s=round(tempo, 3),
                          acuracia_teste=avaliar(modelo, teste).acuracia))
        return ((parar_no_alvo and curva[-1]['acuracia_teste'] >= ALVO)
                or (limite_s is not None and tempo >= limite_s))
    return curva, ao_fim_da_epoca

class AoFimDaEpoca(Callback):
    ("O *callback* que chama `funcao(modelo, historico)` ao fim de cada época "
     "(e para se ela devolver True).")
    def __init__(self, funcao): self.funcao = funcao
    def fim_da_epoca(self, modelo, historico): return self.funcao(modelo, historico)

def resumo_da_curva(curva) -> dict:
    "Tempo até o alvo (a primeira época que o atinge), acurácia final e tempo total."
    no_alvo = next((c for c in curva if c['acuracia_teste'] >= ALVO), None)
    return dict(tempo_ate_alvo_s=no_alvo and no_alvo['tempo_treino_s'],
                epocas_ate_alvo=no_alvo and no_alvo['epoca'],
                atingiu_alvo=no_alvo is not None, acuracia_final=curva[-1]['acuracia_teste'],
                tempo_treino_s=curva[-1]['tempo_treino_s'], epocas=curva[-1]['epoca'], curva=curva)

def medir_referencia(nome, ref, teste, limite_s, max_epocas, lotes_por_epoca=None) -> dict:
    print(f"\n== Referência {nome}: {ref['descricao']}; "
          f"até {porcentagem(ALVO, 0)} ou {segundos(limite_s, 0)} de treino", flush=True)
    fixar_semente(1)
    cs = carregadores_mnist(64, em_memoria=False, semente=1)
    treino = PrimeirosLotes(cs.treino, lotes_por_epoca) if lotes_por_epoca else cs.treino
    modelo = ref['criar']()
    otimizador, escalonador = ref['otimizador'](modelo.parameters(), len(treino))
    curva, fim = acompanhar_teste(teste, limite_s, parar_no_alvo=True)
    treinar_com_callbacks(modelo, treino, cs.validacao, otimizador, max_epocas,
                          escalonador=escalonador, barra=False, callbacks=[AoFimDaEpoca(fim)])
    r = resumo_da_curva(curva)
    r.update(descricao=ref['descricao'], limite_s=limite_s,
             parou_por='alvo' if r['atingiu_alvo']
                       else 'limite de tempo' if r['tempo_treino_s'] >= limite_s else 'épocas')
    return r

def resumo_das_sementes(por_semente) -> dict:
    "Medianas, média e mínimo de um treino repetido com várias sementes."
    tempos = [r['tempo_ate_alvo_s'] for r in por_semente if r['atingiu_alvo']]
    accs = [r['acuracia_final'] for r in por_semente]
    return dict(por_semente=por_semente,
                mediana_tempo_ate_alvo_s=statistics.median(tempos)
                                         if len(tempos) == len(por_semente) else None,
                mediana_tempo_treino_s=statistics.median(r['tempo_treino_s'] for r in por_semente),
                mediana_acuracia=statistics.median(accs), media_acuracia=statistics.mean(accs),
                minima_acuracia=min(accs))

def medir_referencia_c(teste, sementes, lotes_por_epoca=None) -> dict:
    ("(c) Uma época da receita de tuomaso/train_mnist_fast por semente, "
     "com o laço `treinar` do curso.")
    print(f"\n== Referência (c) tuomaso/train_mnist_fast: {DESCRICAO_C}; sementes {sementes}",
          flush=True)
    treino = carregar_mnist(True)
    x, y = normalizar_imagens(treino.data), treino.targets
    por_semente = []
    for s in sementes:
        fixar_semente(s)
        lotes = CarregadorEmMemoria(x, y, 256, embaralhar=True, semente=s)
        lotes = PrimeirosLotes(lotes, lotes_por_epoca) if lotes_por_epoca else lotes
        modelo = rede_tuomaso()
        otimizador = torch.optim.Adam(modelo.parameters(), lr=0.01, betas=(0.7, 0.9))
        escalonador = torch.optim.lr_scheduler.OneCycleLR(
            otimizador, max_lr=0.01, total_steps=len(lotes), cycle_momentum=False)
        curva, fim = acompanhar_teste(teste)
        treinar_com_callbacks(modelo, lotes, teste, otimizador, 1, escalonador=escalonador,
                              barra=False, callbacks=[AoFimDaEpoca(fim)])
        por_semente.append(dict(semente=s, **resumo_da_curva(curva)))
    return dict(descricao=DESCRICAO_C,
                imagens_de_treino=len(lotes) * 256 if lotes_por_epoca else len(y),
                **resumo_das_sementes(por_semente))

def medir_receita(nome, teste, sementes, epocas=None) -> dict:
    receita = RECEITAS_CNN[nome]
    print(f"\n== Receita {nome} do curso, sementes {sementes}", flush=True)
    por_semente = []
    for s in sementes:
        curva, fim = acompanhar_teste(teste)
        t = treinar_receita(RedeConvolucional, receita, epocas=epocas, semente=s, dispositivo='cpu',
                            threads=torch.get_num_threads(), barra=False, ao_fim_da_epoca=fim)
        por_semente.append(dict(semente=s, precisao=t.precisao, **resumo_da_curva(curva)))
    return dict(receita=asdict(replace(receita, epocas=epocas or receita.epocas)),
                **resumo_das_sementes(por_semente))

def multiplicacoes_de_treino(modelo:nn.Sequential) -> int:
    """Multiplicações-somas de um passo de treino, por imagem: a propagação direta
    (`multiplicacoes_por_imagem`, lição 03), o gradiente dos pesos (o mesmo número) e o
    gradiente da entrada (o mesmo, menos na primeira camada, que não precisa dele)."""
    return (3 * multiplicacoes_por_imagem(modelo)
            - multiplicacoes_por_imagem(nn.Sequential(modelo[0])))

def medir_limite(n:int, repeticoes:int) -> dict:
    ("GFLOP/s de um produto de matrizes n×n (2n³ operações) em float32 e em bfloat16, "
     "mediana de `repeticoes`.")
    print(f"\n== Limite da máquina: torch.mm {n}×{n}, {torch.get_num_threads()} threads",
          flush=True)
    r = dict(n=n, repeticoes=repeticoes, threads=torch.get_num_threads())
    for nome, tipo in (('float32', torch.float32), ('bfloat16', torch.bfloat16)):
        a, b = torch.randn(n, n, dtype=tipo), torch.randn(n, n, dtype=tipo)
        torch.mm(a, b)  # aquecimento
        tempos = []
        for _ in range(repeticoes):
            inicio = time.perf_counter()
            torch.mm(a, b)
            tempos.append(time.perf_counter() - inicio)
        r[f'gflops_{nome}'] = 2 * n ** 3 / statistics.median(tempos) / 1e9
    return r

def utilizacao(rapida, limite, imagens_por_epoca) -> dict:
    ("GFLOP/s que a receita rápida alcança (mediana das sementes) "
     "e a fração das vazões do produto de matrizes.")
    receita = rapida['receita']
    mac = multiplicacoes_de_treino(RedeConvolucional(**receita['arquitetura']))
    gflops = (2 * mac * imagens_por_epoca * receita['epocas']
              / rapida['mediana_tempo_treino_s'] / 1e9)
    return dict(multiplicacoes_somas_por_imagem=mac, imagens_por_epoca=imagens_por_epoca,
                gflops=gflops, precisao=rapida['por_semente'][0]['precisao'],
                fracao_float32=gflops / limite['gflops_float32'],
                fracao_bfloat16=gflops / limite['gflops_bfloat16'])

def medir_vazao(repeticoes) -> dict:
    print("\n== Vazão: uma passagem pelas 60.000 imagens de treino, lotes de 64", flush=True)
    classico = DataLoader(carregar_mnist(True, transform=TRANSFORMACAO_MNIST), 64, shuffle=True,
                          generator=torch.Generator().manual_seed(0))
    treino = carregar_mnist(True)
    inicio = time.perf_counter()
    x = normalizar_imagens(treino.data)
    preparo = time.perf_counter() - inicio
    memoria = CarregadorEmMemoria(x, treino.targets, 64, embaralhar=True, semente=0)
    def passagem(carregador):
        inicio = time.perf_counter()
        for _ in carregador: pass
        return time.perf_counter() - inicio
    t_classico = statistics.median(passagem(classico) for _ in range(repeticoes))
    t_memoria = statistics.median(passagem(memoria) for _ in range(repeticoes))
    return dict(imagens=len(treino), repeticoes=repeticoes, classico_s=t_classico,
                em_memoria_s=t_memoria, preparo_em_memoria_s=preparo, razao=t_classico / t_memoria)

def medir_suite() -> dict:
    print("\n== Suíte de testes: OMP_NUM_THREADS=1 nbdev_test", flush=True)
    inicio = time.perf_counter()
    r = subprocess.run(['nbdev_test'], cwd=RAIZ, env=os.environ | dict(OMP_NUM_THREADS='1'),
                       capture_output=True, text=True)
    tempo = time.perf_counter() - inicio
    if r.returncode: print(f"A suíte falhou (código {r.returncode}):\n"
                           f"{(r.stdout + r.stderr)[-3000:]}", file=sys.stderr)
    return dict(comando='OMP_NUM_THREADS=1 nbdev_test', tempo_s=tempo, codigo_saida=r.returncode)

def maquina() -> dict:
    cpu = dados_da_cpu('model name')
    commit = subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=RAIZ,
                            capture_output=True, text=True).stdout.strip()
    return dict(cpu=cpu or platform.processor() or platform.machine(), nucleos=os.cpu_count(),
                threads_torch=torch.get_num_threads(),
                capacidade_cpu=torch.backends.cpu.get_cpu_capability(), bf16_nativo=bf16_nativo(),
                torch=torch.__version__, python=platform.python_version(),
                sistema=platform.platform(), dados=os.environ.get('MNIST_COURSE_DATA'),
                commit=commit or None,
                data=datetime.now(timezone.utc).isoformat(timespec='seconds'))

# --- Metas e tabela -------------------------------------------------------------------------------

def metas(r) -> list[dict]:
    "Cada meta do curso, o valor medido, a unidade e se foi atingida."
    rapida, precisa, ref_b, ref_c = (r['receita_rapida'], r['receita_precisa'],
                                     r['referencias']['pytorch/examples (b)'], r['referencia_c'])
    t_rapida = rapida['mediana_tempo_ate_alvo_s']
    razao_b = ref_b['tempo_ate_alvo_s'] / t_rapida if ref_b['atingiu_alvo'] and t_rapida else None
    razao_c = t_rapida / ref_c['mediana_tempo_treino_s'] if t_rapida else None
    lista = [
        ('receita rápida: mediana do tempo de treino até 99,0%', t_rapida, 's', '<=', 4),
        ('receita rápida: menor acurácia final entre as sementes', rapida['minima_acuracia'],
         '%', '>=', ALVO),
        ('tempo até 99,0%: receita rápida ÷ época da referência (c), medianas', razao_c,
         'x', '<=', 0.5),
        ('o mesmo, meta ambiciosa', razao_c, 'x', '<=', 0.25),
        ('tempo até 99,0%: referência (b) ÷ receita rápida', razao_b, 'x', '>=', 100),
        ('receita rápida: fração da vazão float32 do produto de matrizes',
         r['utilizacao']['fracao_float32'], '%', '>=', 0.40),
        ('receita precisa: acurácia média', precisa['media_acuracia'], '%', '>=', 0.996),
        ('receita precisa: maior tempo de treino',
         max(s['tempo_treino_s'] for s in precisa['por_semente']), 's', '<=', 300),
        ('vazão: em memória ÷ DataLoader clássico', r['vazao']['razao'], 'x', '>=', 50),
    ]
    if r.get('suite'):  # só conta se a suíte passou
        lista.append(('suíte de testes (nbdev_test) passando, tempo de parede',
                      r['suite']['tempo_s'] if r['suite']['codigo_saida'] == 0 else None,
                      's', '<=', 120))
    return [dict(meta=m, valor=v, unidade=u, operador=op, alvo=a,
                 atingida=v is not None and (v <= a if op == '<=' else v >= a))
            for m, v, u, op, a in lista]

def fmt(v, unidade='', casas=2):
    "Um valor para a tabela, no formato do curso: '—' quando não há, porcentagem, segundos, razão."
    if v is None: return '—'
    if unidade == '%': return porcentagem(v)
    if unidade == 's': return segundos(v, casas)
    return numero(v, casas) + ('x' if unidade == 'x' else '')

def linha_de_sementes(nome, rec) -> list[str]:
    "Uma linha por semente e a das medianas."
    linhas = [f"| {nome}, semente {s['semente']} | {fmt(s['acuracia_final'], '%')} "
              f"| {fmt(s['tempo_treino_s'], casas=1)} | {fmt(s['tempo_ate_alvo_s'], casas=1)} "
              f"| {s['epocas']} |" for s in rec['por_semente']]
    linhas.append(f"| **{nome}, mediana** | **{fmt(rec['mediana_acuracia'], '%')}** "
                  f"(média {fmt(rec['media_acuracia'], '%')}) "
                  f"| **{fmt(rec['mediana_tempo_treino_s'], casas=1)}** "
                  f"| **{fmt(rec['mediana_tempo_ate_alvo_s'], casas=1)}** | |")
    return linhas

def tabela(r) -> str:
    m = r['maquina']
    linhas = [f"Máquina: {m['cpu']}, {m['nucleos']} núcleos, {m['threads_torch']} threads, "
              f"torch {m['torch']} ({m['capacidade_cpu']}, "
              f"bfloat16 {'nativo' if m['bf16_nativo'] else 'não nativo'}), "
              f"Python {m['python']}; {m['data']}"
              f"{' (modo --rapido)' if r['rapido'] else ''}", '',
              '| treino | acurácia final | tempo de treino (s) | tempo até 99,0% (s) | épocas |',
              '|---|---|---|---|---|']
    for nome, ref in r['referencias'].items():
        ate_alvo = (fmt(ref['tempo_ate_alvo_s'], casas=1) if ref['atingiu_alvo']
                    else f"não chegou ({ref['parou_por']})")
        linhas.append(f"| referência {nome} | {fmt(ref['acuracia_final'], '%')} "
                      f"| {fmt(ref['tempo_treino_s'], casas=1)} | {ate_alvo} "
                      f"| {ref['epocas']} |")
    linhas += linha_de_sementes('referência tuomaso (c)', r['referencia_c'])
    for chave in ('receita_rapida', 'receita_precisa'):
        linhas += linha_de_sementes(chave.replace('_', ' '), r[chave])
    lim, u, v = r['limite'], r['utilizacao'], r['vazao']
    linhas += ['', f"Limite da máquina (torch.mm {lim['n']}×{lim['n']}, {lim['threads']} threads, "
                   f"mediana de {lim['repeticoes']}): "
                   f"{numero(lim['gflops_float32'])} GFLOP/s em float32, "
                   f"{numero(lim['gflops_bfloat16'])} GFLOP/s em bfloat16. "
                   f"A receita rápida ({u['precisao']}) faz "
                   f"{numero(u['multiplicacoes_somas_por_imagem'])} multiplicações-somas por"
                   f" imagem de treino e alcança {numero(u['gflops'])} GFLOP/s: "
                   f"{porcentagem(u['fracao_float32'], 0)} da vazão float32 e "
                   f"{porcentagem(u['fracao_bfloat16'], 0)} da bfloat16.",
               f"Vazão (mediana de {v['repeticoes']}): "
               f"DataLoader clássico {segundos(v['classico_s'], 2)} por passagem, em memória "
               f"{segundos(v['em_memoria_s'], 3)} ({numero(v['razao'])}x), "
               f"mais {segundos(v['preparo_em_memoria_s'], 2)} uma vez para normalizar tudo."]
    if r.get('suite'): linhas.append(f"Suíte de testes (`{r['suite']['comando']}`): "
                                     f"{segundos(r['suite']['tempo_s'], 0)}, "
                                     f"código de saída {r['suite']['codigo_saida']}.")
    linhas += ['', '| meta | medido | alvo | atingida? |', '|---|---|---|---|']
    linhas += [f"| {m['meta']} | {fmt(m['valor'], m['unidade'])} "
               f"| {m['operador']} {fmt(m['alvo'], m['unidade'])} "
               f"| {'sim' if m['atingida'] else 'não'} |"
               for m in r['metas']]
    return '\n'.join(linhas) + '\n'

def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--rapido', action='store_true',
                   help='versão curta (~1 min), só para conferir que tudo funciona')
    p.add_argument('--threads', type=int,
                   help='threads do PyTorch (padrão: o do PyTorch, um por núcleo físico)')
    p.add_argument('--saida', type=Path, help='arquivo JSON (padrão: benchmarks/velocidade.json; '
                                              'com --rapido, velocidade-rapido.json)')
    p.add_argument('--limite', type=float, default=600,
                   help='limite de tempo de treino de cada referência, em segundos (padrão: 600)')
    args = p.parse_args(argv)
    saida = args.saida or RAIZ / 'benchmarks' / ('velocidade-rapido.json' if args.rapido
                                                 else 'velocidade.json')
    usar_threads(args.threads)
    r = dict(rapido=args.rapido, alvo=ALVO, maquina=maquina())
    # em memória: os mesmos valores do DataLoader, avaliados mais depressa
    teste = carregadores_mnist(dispositivo='cpu').teste
    if args.rapido:
        r['referencias'] = {nome: medir_referencia(nome, ref, teste, limite_s=5, max_epocas=1,
                                                   lotes_por_epoca=30)
                            for nome, ref in REFERENCIAS.items()}
        r['referencia_c'] = medir_referencia_c(teste, [1], lotes_por_epoca=30)
        r['receita_rapida'], r['receita_precisa'] = (
            medir_receita('rapida', teste, [1], epocas=1),
            medir_receita('precisa', teste, [1], epocas=1))
        r['limite'] = medir_limite(1024, 3)
        r['vazao'], r['suite'] = medir_vazao(1), None
    else:
        r['referencias'] = {nome: medir_referencia(nome, ref, teste, limite_s=args.limite,
                                                   max_epocas=100)
                            for nome, ref in REFERENCIAS.items()}
        r['referencia_c'] = medir_referencia_c(teste, [1, 2, 3, 4, 5])
        r['receita_rapida'], r['receita_precisa'] = (
            medir_receita('rapida', teste, [1, 2, 3, 4, 5]),
            medir_receita('precisa', teste, [1, 2, 3]))
        r['limite'] = medir_limite(4096, 5)
        r['vazao'], r['suite'] = medir_vazao(3), None
        gravar(r, saida)  # a lição de resultados, que roda dentro da suíte, lê este arquivo
        r['suite'] = medir_suite()
    print('\n' + gravar(r, saida) + f'\nResultados em {saida} e {saida.with_suffix(".md")}')

def gravar(r, saida:Path) -> str:
    "Calcula as metas e grava o JSON e a tabela em Markdown; devolve a tabela."
    r['utilizacao'] = utilizacao(r['receita_rapida'], r['limite'], N_TREINO)
    r['metas'] = metas(r)
    texto = tabela(r)
    saida.parent.mkdir(parents=True, exist_ok=True)
    saida.write_text(json.dumps(r, ensure_ascii=False, indent=1) + '\n')
    saida.with_suffix('.md').write_text(texto)
    return texto

if __name__ == '__main__': sys.exit(main())
