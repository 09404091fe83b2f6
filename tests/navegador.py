"""O que os testes no navegador têm em comum: o site servido em 127.0.0.1, um Chromium sem interface
e sem internet, e as opções da linha de comando (--site, --capturas, --chromium).

Os testes rodam da raiz do projeto, como `python tests/testar_site.py`; o Python põe a pasta do
script no caminho de importação, e eles importam este módulo pelo nome.
"""
import argparse, contextlib, functools, sys, threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

OPCOES_CHROMIUM = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
                   '--disable-background-networking', '--disable-component-update',
                   '--disable-sync', '--disable-quic']

class _Silencioso(SimpleHTTPRequestHandler):
    def log_message(self, *args): pass

@contextlib.contextmanager
def site_no_navegador(site:Path, chromium:str):
    "(navegador, endereço da raiz do `site` servido em 127.0.0.1), fechados no fim do bloco."
    servidor = ThreadingHTTPServer(('127.0.0.1', 0),
                                   functools.partial(_Silencioso, directory=str(site)))
    threading.Thread(target=servidor.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            navegador = p.chromium.launch(executable_path=chromium, args=OPCOES_CHROMIUM)
            try: yield navegador, f'http://127.0.0.1:{servidor.server_port}/'
            finally: navegador.close()
    finally: servidor.shutdown()

def argumentos(descricao:str, exigido:str) -> argparse.Namespace:
    "As opções comuns; sai com uma explicação se o site não tem o arquivo `exigido`."
    p = argparse.ArgumentParser(description=descricao)
    p.add_argument('--site', type=Path, default=Path('_docs'))
    p.add_argument('--capturas', type=Path, default=Path('_capturas'),
                   help='pasta das capturas de tela (padrão: _capturas)')
    p.add_argument('--chromium', default='/usr/bin/chromium',
                   help='o executável do Chromium (padrão: /usr/bin/chromium)')
    args = p.parse_args()
    if not (args.site / exigido).exists():
        sys.exit(f'{args.site / exigido} não existe: construa o site antes, com'
                 ' python tools/docs.py.')
    args.capturas.mkdir(parents=True, exist_ok=True)
    return args
