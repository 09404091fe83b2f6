"""Abre cada página do site (_docs/) no Chromium sem interface e falha se algo estiver quebrado.

Serve _docs/ em 127.0.0.1 e, em cada página, falha com: página que não carrega, erro no console,
requisição que falha, requisição a qualquer outro endereço (o site precisa funcionar sem internet),
imagem quebrada, menos figuras do que a lição tem, fórmula não desenhada, interface fora do
português, link em markdown mostrado como texto num bloco de código, mais de 2% das linhas de
código largas demais para a coluna (rolagem lateral, numa janela de 1280 px), ou parágrafos e listas
do texto em famílias de fonte diferentes. Grava uma captura de tela de cada página.

Uso: python tests/testar_site.py [--site _docs] [--capturas PASTA] [--chromium CAMINHO]
"""
import json, re, sys
from pathlib import Path
from urllib.parse import urlparse

from navegador import argumentos, site_no_navegador

LINHAS_DE_CODIGO = """() => {
  let total = 0, largas = 0;
  for (const pre of document.querySelectorAll('main pre.sourceCode')) {
    if (pre.closest('.cell-output')) continue;
    const alvo = pre.querySelector('code') || pre;
    const medida = document.createElement('span');
    medida.textContent = 'x'.repeat(100);
    alvo.appendChild(medida);
    const largura = medida.getBoundingClientRect().width / 100;
    medida.remove();
    const estilo = getComputedStyle(pre);
    const util = pre.clientWidth - parseFloat(estilo.paddingLeft) - parseFloat(estilo.paddingRight);
    const cabem = Math.floor(util / largura);
    for (const linha of alvo.textContent.split('\\n')) {
      total++; if (linha.length > cabem) largas++;
    }
  }
  return [total, largas];
}"""
FONTES_DO_TEXTO = """() => [...new Set(Array.from(document.querySelectorAll('main p, main li'))
  .filter(e => !e.closest('pre, .cell-output')).map(e => getComputedStyle(e).fontFamily))]"""
LINKS_CRUS = r"""() => Array.from(document.querySelectorAll('main pre'))
  .flatMap(pre => pre.textContent.match(/\[`[^`\n]+`\]\([^)\s]+\)/g) || [])"""
MAXIMO_LARGAS = 0.02  # fração das linhas de código que pode exigir rolagem lateral

def figuras_da_licao(notebook:Path) -> int:
    "Quantas figuras a lição tem: saídas PNG dos notebooks e imagens citadas no markdown."
    celulas = json.loads(notebook.read_text(encoding='utf-8'))['cells']
    saidas = sum('image/png' in o.get('data', {}) for c in celulas for o in c.get('outputs', []))
    markdown = sum(len(re.findall(r'!\[[^\]]*\]\(', ''.join(c['source'])))
                   for c in celulas if c['cell_type'] == 'markdown')
    return saidas + markdown

def problemas_da_pagina(pagina, url:str, figuras:int, captura:Path) -> list[str]:
    "Abre `url` e devolve a lista de problemas encontrados."
    problemas, local = [], urlparse(url).netloc
    pagina.on('console',
              lambda m: m.type == 'error' and problemas.append(f'erro no console: {m.text}'))
    pagina.on('pageerror', lambda e: problemas.append(f'erro de JavaScript: {e}'))
    pagina.on('requestfailed', lambda r: urlparse(r.url).netloc == local
              and problemas.append(f'requisição falhou: {r.url} ({r.failure})'))
    def filtrar(rota):
        if (urlparse(rota.request.url).scheme in ('data', 'blob')
            or urlparse(rota.request.url).netloc == local): return rota.continue_()
        problemas.append(f'requisição externa: {rota.request.url}')
        rota.abort()
    pagina.route('**/*', filtrar)
    resposta = pagina.goto(url, wait_until='networkidle')
    if resposta is None or not resposta.ok:
        return problemas + [f'a página não carregou (HTTP {resposta.status if resposta else "?"})']
    quebradas = pagina.evaluate("Array.from(document.images)"
                                ".filter(i => !i.complete || i.naturalWidth === 0)"
                                ".map(i => i.src.slice(0, 80))")
    problemas += [f'imagem quebrada: {src}' for src in quebradas]
    vistas = pagina.evaluate("Array.from(document.querySelectorAll('main img'))"
                             ".filter(i => i.naturalWidth > 0).length")
    if vistas < figuras: problemas.append(f'{vistas} figuras na página, mas a lição tem {figuras}')
    if ('katex' in pagina.content()
        and not pagina.evaluate("document.querySelectorAll('.katex').length")):
        problemas.append('a página tem fórmulas, mas o KaTeX não as desenhou')
    if pagina.evaluate('document.documentElement.lang') != 'pt':
        problemas.append('a página não está marcada como português (lang)')
    busca = pagina.evaluate("(document.querySelector('input[type=search]') || {}).placeholder")
    if busca not in (None, 'Buscar'):
        problemas.append(f'caixa de busca fora do português: {busca!r}')
    for ingles in ('On this page', 'Report an issue', 'View source', 'Exported source'):
        if ingles in pagina.content(): problemas.append(f'texto da interface em inglês: {ingles!r}')
    crus = pagina.evaluate(LINKS_CRUS)
    problemas += [f'link em markdown como texto num bloco de código: {c}' for c in crus[:3]]
    total, largas = pagina.evaluate(LINHAS_DE_CODIGO)
    if total and largas / total > MAXIMO_LARGAS:
        problemas.append(f'{largas} de {total} linhas de código não cabem na coluna '
                         '(rolagem lateral)')
    fontes = pagina.evaluate(FONTES_DO_TEXTO)
    if len(fontes) > 1: problemas.append(f'o texto usa {len(fontes)} famílias de fonte: {fontes}')
    pagina.screenshot(path=str(captura), full_page=True)
    return problemas

def testar(site:Path, notebooks:Path, capturas:Path, chromium:str) -> int:
    "Testa todas as páginas de `site`; devolve o número de páginas com problemas."
    falhas = 0
    with site_no_navegador(site, chromium) as (navegador, raiz):
        for html in sorted(site.glob('*.html')):
            nb = notebooks / f'{html.stem}.ipynb'
            pagina = navegador.new_page(viewport={'width': 1280, 'height': 900})
            problemas = problemas_da_pagina(pagina, raiz + html.name,
                                            figuras_da_licao(nb) if nb.exists() else 0,
                                            capturas / f'{html.stem}.png')
            pagina.close()
            print(f"{'ok   ' if not problemas else 'FALHA'} {html.name}"
                  + ''.join(f'\n      - {x}' for x in problemas))
            falhas += bool(problemas)
    return falhas

if __name__ == '__main__':
    args = argumentos(__doc__.splitlines()[0], 'index.html')
    falhas = testar(args.site, Path('nbs'), args.capturas, args.chromium)
    print(f'{falhas} página(s) com problemas' if falhas else 'todas as páginas passaram')
    sys.exit(1 if falhas else 0)
