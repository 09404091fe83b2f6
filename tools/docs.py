"""Constrói o site do curso em _docs/ a partir dos notebooks, e regenera o README.md.

Com o Quarto instalado, usa o próprio nbdev_docs. Sem ele, os notebooks passam pelo processamento do
nbdev (nbdev.serve.proc_nbs: diretivas, show_doc, links) e o smalldocs, em Python puro, monta o site
a partir do mesmo nbs/_quarto.yml. Depois, a interface do site é traduzida para o português e o
KaTeX passa a ser servido pelo próprio site, para que tudo funcione sem internet.

As figuras e tabelas são as saídas gravadas nos notebooks; --executar executa as lições antes
(tools/executar_licoes.py), para que o site mostre resultados recém-calculados.

Uso: python tools/docs.py [--executar]
"""
import argparse, json, re, shutil, subprocess, sys, tarfile, tempfile
from pathlib import Path

from nbdev.config import get_config

sys.path.insert(0, str(Path(__file__).parent))
from executar_licoes import executar
from readme import readme_markdown

# Textos fixos em inglês do smalldocs e do show_doc do nbdev, e a tradução de cada um.
TRADUCOES = {
    'placeholder="Search"': 'placeholder="Buscar"', 'aria-label="Search"': 'aria-label="Buscar"',
    'Report an issue': 'Informar um problema', 'View source': 'Ver o código-fonte',
    'Edit this page': 'Editar esta página',
    'Toggle sidebar navigation': 'Abrir ou fechar a barra lateral',
    'Toggle navigation': 'Abrir ou fechar a navegação',
    'Toggle dark mode': 'Alternar o modo escuro', 'Toggle section': 'Abrir ou fechar a seção',
    'Copy to Clipboard': 'Copiar', 'Copied!': 'Copiado!', 'No results': 'Nenhum resultado',
    '"Anchor"': '"Âncora"',
    '<th>Type</th>': '<th>Tipo</th>', '<th>Default</th>': '<th>Padrão</th>',
    '<th>Details</th>': '<th>Detalhes</th>',
    '<strong>Returns</strong>': '<strong>Devolve</strong>', 'Exported source': 'Código exportado',
    'font-size:smaller">source</a>': 'font-size:smaller">código</a>',
}
KATEX_CDN = re.compile(r'https://cdn\.jsdelivr\.net/npm/katex@([\d.]+)/dist')

def paginas(proc:Path) -> dict:
    ("Para cada notebook processado, o nome de página que o nbdev usa nos links (output-file) "
     "e o arquivo que o smalldocs grava.")
    mapa = {}
    for nb in proc.glob('*.ipynb'):
        frente = next((''.join(c['source'])
                       for c in json.loads(nb.read_text(encoding='utf-8'))['cells']
                       if c['cell_type'] == 'raw'), '')
        saida = re.search(r'^output-file:\s*(\S+)', frente, re.M)
        if saida: mapa[saida.group(1)] = f'{nb.stem}.html'
    return mapa

def traduzir(site:Path, mapa:dict, cfg):
    ("Interface em português, links internos do nbdev apontando para as páginas do site, "
     "e código-fonte em nbs/.")
    base = f"{cfg.doc_host}{cfg.doc_baseurl}".rstrip('/') + '/'
    for arquivo in list(site.glob('*.html')) + list((site / 'site_libs').glob('*.js')):
        texto = arquivo.read_text(encoding='utf-8')
        for en, pt in TRADUCOES.items(): texto = texto.replace(en, pt)
        texto = re.sub(re.escape(base) + r'([\w.-]+\.html)',
                       lambda m: mapa.get(m.group(1), m.group(1)), texto)
        texto = re.sub(r'(/blob/[^/"]+/)(?=[\w-]+\.ipynb")', rf'\1{cfg.nbs_path.name}/', texto)
        arquivo.write_text(texto, encoding='utf-8')

def vendorizar_katex(site:Path):
    "Se alguma página usa o KaTeX do CDN, baixa o pacote katex do npm e o serve de site_libs/katex."
    paginas_com_math = [p for p in site.glob('*.html')
                        if KATEX_CDN.search(p.read_text(encoding='utf-8'))]
    if not paginas_com_math: return
    versao = KATEX_CDN.search(paginas_com_math[0].read_text(encoding='utf-8')).group(1)
    with tempfile.TemporaryDirectory() as tmp:
        pacote = subprocess.run(['npm', 'pack', f'katex@{versao}', '--silent'], cwd=tmp, check=True,
                                capture_output=True, text=True).stdout.split()[-1]
        with tarfile.open(Path(tmp) / pacote) as tar: tar.extractall(tmp, filter='data')
        shutil.copytree(Path(tmp) / 'package' / 'dist', site / 'site_libs' / 'katex',
                        dirs_exist_ok=True)
    for p in paginas_com_math:
        p.write_text(KATEX_CDN.sub('site_libs/katex', p.read_text(encoding='utf-8')),
                     encoding='utf-8')

def pagina_desenhe(cfg, site:Path):
    ("A página Desenhe um dígito (nbs/desenhe/) em site/desenhe/, "
     "com os pesos da CNN pré-treinada gravados agora (pesos.js).")
    from mnist_course.formato import porcentagem
    from mnist_course.modelos import modelo_embutido
    from mnist_course.navegador import exportar_para_navegador
    pasta = site / 'desenhe'
    shutil.copytree(cfg.nbs_path / 'desenhe', pasta, dirs_exist_ok=True)
    modelo, dados = modelo_embutido()
    descricao = ("Rede: a CNN pré-treinada do curso, com "
                 f"{porcentagem(dados['metricas']['acuracia_teste'])} "
                 "de acurácia no conjunto de teste.")
    exportar_para_navegador(modelo, pasta / 'pesos.js', sobrescrever=True, descricao=descricao)

def figura_do_readme(cfg):
    "A figura do README, assets/mnist.png: os 40 primeiros dígitos do treino, como na lição 00."
    import warnings
    import matplotlib
    matplotlib.use('Agg')
    from mnist_course.dados import carregar_mnist, mostrar_imagens
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        treino = carregar_mnist(baixar=False)
    if treino.amostra: return print('sem o MNIST completo: assets/mnist.png fica como está')
    titulos = [f'rótulo {r}' for r in treino.targets[:40].tolist()]
    fig = mostrar_imagens(treino.data[:40], titulos)
    fig.savefig(cfg.config_path / 'assets' / 'mnist.png', dpi=80, bbox_inches='tight')

_LINK = re.compile(r'\[(`[^`\n]+`)\]\([^)\s]+\)')

def sem_links_nos_blocos(linhas:list) -> list:
    ("As linhas de uma saída em markdown sem os links que o nbdev põe nos blocos de código, "
     "como nos comentários de uma assinatura: ali eles apareceriam como texto, com colchetes "
     "e endereço.")
    dentro, saida = False, []
    for linha in linhas:
        if linha.startswith('```'): dentro = not dentro
        saida.append(_LINK.sub(r'\1', linha) if dentro else linha)
    return saida

def ajustar(nb:Path):
    "O notebook processado com as figuras em assets/ e sem links nos blocos de código."
    dados = json.loads(nb.read_text(encoding='utf-8').replace('](../assets/', '](assets/'))
    for saida in (s for c in dados['cells'] for s in c.get('outputs', [])):
        md = saida.get('data', {}).get('text/markdown')
        if isinstance(md, list): saida['data']['text/markdown'] = sem_links_nos_blocos(md)
    nb.write_text(json.dumps(dados, ensure_ascii=False, indent=1), encoding='utf-8')

def construir_sem_quarto(cfg) -> Path:
    "O site em _docs/, com nbdev (processamento) e smalldocs (montagem)."
    from nbdev.serve import proc_nbs
    from smalldocs.site import build
    proc = Path(proc_nbs(n_workers=0, force=True))
    # os notebooks dos conferidores (nbs/exercicios/) não viram páginas: neles, o código é
    # `#| export` e os testes `#| hide`, e o site não mostra nenhum dos dois
    shutil.rmtree(proc / 'exercicios', ignore_errors=True)
    # figuras referenciadas no markdown
    shutil.copytree(cfg.config_path / 'assets', proc / 'assets', dirs_exist_ok=True)
    for nb in proc.glob('*.ipynb'): ajustar(nb)
    site = build(proc, quiet=True)
    ignorados = ('is not read by smalldocs', 'unknown key lang', 'unknown key toc-title',
                 'commonmark is not built', 'keep-md is ignored')
    # as opções só do Quarto (lang e toc-title o smalldocs usa, mesmo avisando)
    for aviso in site.warnings:
        if not any(i in aviso for i in ignorados): print(f'aviso do smalldocs: {aviso}')
    destino = cfg.config_path / cfg.doc_path
    shutil.rmtree(destino, ignore_errors=True)
    shutil.move(str(site.out), destino)
    traduzir(destino, paginas(proc), cfg)
    vendorizar_katex(destino)
    return destino

if __name__ == '__main__':
    p = argparse.ArgumentParser(description='Constrói o site do curso em _docs/ '
                                            'e regenera o README.md.')
    p.add_argument('--executar', action='store_true',
                   help='executa as lições antes de montar o site (vários minutos)')
    args = p.parse_args()
    cfg = get_config()
    if args.executar:
        for nb in sorted(cfg.nbs_path.glob('[!_]*.ipynb')): executar(nb)
        subprocess.run(['nbdev_clean'], check=True)
    figura_do_readme(cfg)
    if shutil.which('quarto'):
        subprocess.run(['nbdev_docs'], check=True)
        pagina_desenhe(cfg, cfg.config_path / cfg.doc_path)
    else:
        destino = construir_sem_quarto(cfg)
        pagina_desenhe(cfg, destino)
        (cfg.config_path / 'README.md').write_text(readme_markdown(cfg.nbs_path / cfg.readme_nb),
                                                   encoding='utf-8')
        print(f'site em {destino}; README.md regenerado')
