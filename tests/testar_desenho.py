"""Testa a página "Desenhe um dígito" (_docs/desenhe/) no Chromium sem interface, sem internet.

Confere, com a página servida em 127.0.0.1 e aberta direto do disco (file://):
  a) a rede da página dá as mesmas probabilidades que a do PyTorch (modelo_embutido) nas 1.000
     primeiras imagens de teste do MNIST (diferença de até 1e-4, o mesmo dígito em todas);
  b) o preparo da página (mnistCurso.preparar) dá o mesmo que para_o_formato_mnist nos mesmos
     pixels;
  c) dígitos desenhados com o mouse no #quadro (um 1, um 0 e um 7) aparecem certos em #previsao,
     sem barra arredondada para 100% ou 0%, e o botão Limpar apaga tudo e volta a mostrar #convite;
  d) nenhum erro no console, nenhuma requisição para fora da máquina; e ?pesos=arquivo.js abre a
     página com outra rede, gravada por exportar_para_navegador.
Grava uma captura de tela (desenhe.png) e mostra o tamanho da página, as diferenças e o tempo por
previsão no navegador. Sai com código diferente de 0 se algo falhar.

Uso: python tests/testar_desenho.py [--site _docs] [--capturas PASTA] [--chromium CAMINHO]
"""
import math, shutil, statistics, sys, tempfile
from pathlib import Path
from urllib.parse import urlparse

import numpy as np
import torch
from PIL import Image, ImageDraw

from navegador import argumentos, site_no_navegador

from mnist_course.cnn import ARQUITETURA_COMPACTA, RedeConvolucional
from mnist_course.dados import carregar_mnist, normalizar
from mnist_course.formato import numero
from mnist_course.imagens import CENTRO_MNIST, caber_em_20, centro_de_massa, inverter, limpar_fundo
from mnist_course.imagens import para_o_formato_mnist, recortar
from mnist_course.modelos import modelo_embutido
from mnist_course.navegador import exportar_para_navegador

PASTA = 'desenhe'  # a página, dentro do site
IMAGENS = 1000  # imagens de teste comparadas com o PyTorch
TOLERANCIA_PROBABILIDADES = 1e-4
TOLERANCIA_PREPARO = 1e-4

# Traços no quadro (280×280), um por lista de pontos: um 1, um 0 e um 7.
def _elipse(cx, cy, rx, ry, n=48):
    return [(cx + rx * math.sin(2 * math.pi * i / n), cy - ry * math.cos(2 * math.pi * i / n))
            for i in range(n + 1)]
TRACOS = {
    1: [[(150, 45), (145, 140), (140, 235)]],
    0: [_elipse(140, 140, 62, 92)],
    7: [[(80, 55), (205, 55), (170, 120), (125, 235)]],
}

PREVER_TODAS = """(imagens) => {
  const tempos = [], probabilidades = [];
  for (const imagem of imagens) {
    const pixels = Float32Array.from(imagem);
    const inicio = performance.now();
    probabilidades.push(window.mnistCurso.prever(pixels));
    tempos.push(performance.now() - inicio);
  }
  return [probabilidades, tempos];
}"""
PREPARAR_CINZA = ("([dados, largura, altura]) => Array.from(window.mnistCurso.preparar("
                  "Float32Array.from(dados), largura, altura))")
PREPARAR_RGBA = """([dados, largura, altura]) => {
  const imagem = new ImageData(largura, altura);
  dados.forEach((v, i) => { imagem.data.set([v, v, v, 255], 4 * i); });
  return Array.from(window.mnistCurso.preparar(imagem, largura, altura));
}"""
QUADRO_CINZA = """() => {
  const q = document.getElementById('quadro');
  const d = q.getContext('2d').getImageData(0, 0, q.width, q.height).data;
  const cinza = [];
  for (let i = 0; i < d.length; i += 4) cinza.push(d[i]);
  return [cinza, q.width, q.height];
}"""

class Pagina:
    "Uma aba do Chromium que anota erros do console e requisições para fora da máquina."
    def __init__(self, navegador, url:str):
        self.problemas, self.url = [], url
        local = urlparse(url).netloc
        self.aba = navegador.new_page(viewport={'width': 1100, 'height': 760})
        self.aba.on('console', lambda m: m.type == 'error'
                    and self.problemas.append(f'erro no console: {m.text}'))
        self.aba.on('pageerror', lambda e: self.problemas.append(f'erro de JavaScript: {e}'))
        self.aba.on('requestfailed',
                    lambda r: self.problemas.append(f'requisição falhou: {r.url} ({r.failure})'))
        def filtrar(rota):
            alvo = urlparse(rota.request.url)
            if (alvo.scheme in ('data', 'blob', 'file')
                or (alvo.scheme == 'http' and alvo.netloc == local)): return rota.continue_()
            self.problemas.append(f'requisição para fora da máquina: {rota.request.url}')
            rota.abort()
        self.aba.route('**/*', filtrar)
        self.aba.on('request',
                    lambda r: urlparse(r.url).scheme not in ('data', 'blob', 'file', 'http')
                    and self.problemas.append(f'requisição para fora da máquina: {r.url}'))
        resposta = self.aba.goto(url, wait_until='load')
        if resposta is not None and not resposta.ok:
            self.problemas.append(f'a página não carregou (HTTP {resposta.status})')
        self.aba.wait_for_function('window.mnistCurso && (window.mnistCurso.pronto || '
                                   'window.mnistCurso.erro)', timeout=20_000)
        erro = self.aba.evaluate('window.mnistCurso.erro')
        if erro: self.problemas.append(f'a página avisou: {erro}')
        if not self.aba.evaluate('document.documentElement.lang').startswith('pt'):
            self.problemas.append('a página não está marcada como português (lang)')

    def desenhar(self, tracos:list):
        "Desenha os traços no #quadro com o mouse, ponto a ponto."
        caixa = self.aba.locator('#quadro').bounding_box()
        escala = caixa['width'] / 280
        for traco in tracos:
            pontos = [(caixa['x'] + x * escala, caixa['y'] + y * escala) for x, y in traco]
            self.aba.mouse.move(*pontos[0])
            self.aba.mouse.down()
            for ponto in pontos[1:]: self.aba.mouse.move(*ponto, steps=8)
            self.aba.mouse.up()

    def previsao(self) -> str: return self.aba.locator('#previsao').inner_text().strip()

    def limpar(self): self.aba.get_by_role('button', name='Limpar').click()

def probabilidades_pytorch(modelo, imagens:torch.Tensor) -> torch.Tensor:
    "As probabilidades (softmax dos logits) do modelo para imagens de 0 a 1, forma (N, 28, 28)."
    with torch.no_grad(): return modelo(normalizar(imagens)[:, None]).softmax(1)

def conferir_rede(pagina:Pagina, modelo, imagens:torch.Tensor) -> dict:
    "a) As probabilidades da página contra as do PyTorch."
    probs, tempos = pagina.aba.evaluate(PREVER_TODAS, imagens.reshape(len(imagens), -1).tolist())
    probs = torch.tensor(probs, dtype=torch.float64)
    esperadas = probabilidades_pytorch(modelo, imagens).double()
    diferenca = (probs - esperadas).abs().max().item()
    iguais = (probs.argmax(1) == esperadas.argmax(1)).sum().item()
    if diferenca > TOLERANCIA_PROBABILIDADES:
        pagina.problemas.append(f'probabilidades diferem do PyTorch em até {diferenca:.2e}')
    if iguais != len(imagens):
        pagina.problemas.append('dígito previsto diferente do PyTorch '
                                f'em {len(imagens) - iguais} imagens')
    return dict(diferenca=diferenca, iguais=iguais, n=len(imagens),
                mediana_ms=statistics.median(tempos))

def casos_de_preparo(digitos:torch.Tensor) -> list:
    ("Imagens em tons de cinza (uint8, altura × largura): "
     "dígitos do MNIST ampliados e traços desenhados.")
    casos = []
    for i, d in enumerate(digitos[:4].numpy()):
        grande = np.kron(d, np.ones((10, 10), dtype=np.uint8))  # 280×280, claro sobre escuro
        casos.append(grande if i % 2 == 0 else 255 - grande)  # e escuro sobre claro, como no papel
    for d, tamanho in zip(digitos[4:8].numpy(), [(300, 240), (200, 350), (123, 77), (64, 64)]):
        casos.append(np.asarray(Image.fromarray(255 - d).resize(tamanho, Image.BILINEAR)))
    sorteio = np.random.default_rng(0)
    tracos = [(22, [(60, 50), (220, 70), (120, 240)]), (9, [(100, 100), (130, 110)])]
    for _ in range(6):
        pontos = [tuple(p)
                  for p in sorteio.integers(20, 260, size=(sorteio.integers(2, 6), 2)).tolist()]
        tracos.append((int(sorteio.integers(8, 28)), pontos))
    for largura, pontos in tracos:
        quadro = Image.new('L', (280, 280), 0)
        ImageDraw.Draw(quadro).line(pontos, fill=255, width=largura, joint='curve')
        casos.append(np.asarray(quadro))
    return casos

def centralizar_em_float64(a:torch.Tensor) -> torch.Tensor:
    "O mesmo que `centralizar`, mas com o centro de massa calculado em float64, como na página."
    d = a.double()
    cy = (d.sum(1) @ torch.arange(d.shape[0], dtype=torch.float64) / d.sum()).item()
    cx = (d.sum(0) @ torch.arange(d.shape[1], dtype=torch.float64) / d.sum()).item()
    h, w = a.shape
    topo = int(min(max(round(CENTRO_MNIST - cy), 0), 28 - h))
    esquerda = int(min(max(round(CENTRO_MNIST - cx), 0), 28 - w))
    saida = torch.zeros(28, 28)
    saida[topo:topo + h, esquerda:esquerda + w] = a
    return saida

def referencias(cinza:np.ndarray) -> list:
    """para_o_formato_mnist dos pixels; num empate (o centro de massa a menos de 1e-5 de meio
    pixel), também a imagem centralizada com o centro em float64: aí o float32 do PyTorch e o
    float64 da página podem arredondar para lados diferentes, e as duas respostas são certas."""
    tons = torch.from_numpy(cinza.astype(np.float32)) / 255
    pequena = caber_em_20(recortar(limpar_fundo(inverter(tons))))
    desvio = CENTRO_MNIST - centro_de_massa(pequena)
    empate = ((desvio - desvio.floor() - 0.5).abs() < 1e-5).any().item()
    return [para_o_formato_mnist(tons)] + ([centralizar_em_float64(pequena)] if empate else [])

EMPATES = []  # os casos de teste em que o centro de massa caiu num empate

def diferenca_preparo(pagina:Pagina, cinza:np.ndarray, rgba:bool) -> float:
    "A maior diferença entre o preparo da página e para_o_formato_mnist nos mesmos pixels."
    altura, largura = cinza.shape
    if rgba: js = pagina.aba.evaluate(PREPARAR_RGBA, [cinza.reshape(-1).tolist(), largura, altura])
    else:
        tons = (torch.from_numpy(cinza.astype(np.float32)) / 255).reshape(-1).tolist()
        js = pagina.aba.evaluate(PREPARAR_CINZA, [tons, largura, altura])
    js = torch.tensor(js).reshape(28, 28)
    esperados = referencias(cinza)
    if len(esperados) > 1 and not rgba: EMPATES.append(cinza.shape)
    return min((js - e).abs().max().item() for e in esperados)

def conferir_preparo(pagina:Pagina, digitos:torch.Tensor) -> float:
    "b) O preparo da página contra para_o_formato_mnist, em tons de cinza e numa ImageData."
    maior = 0.
    for cinza in casos_de_preparo(digitos):
        for rgba in (False, True):
            maior = max(maior, diferenca_preparo(pagina, cinza, rgba))
    if maior > TOLERANCIA_PREPARO:
        pagina.problemas.append(f'preparo difere de para_o_formato_mnist em até {maior:.2e}')
    return maior

def conferir_desenhos(pagina:Pagina) -> float:
    "c) Desenhar 1, 0 e 7 com o mouse, conferir #previsao e o preparo do quadro, e Limpar."
    maior = 0.
    for digito, tracos in TRACOS.items():
        pagina.limpar()
        pagina.desenhar(tracos)
        visto = pagina.previsao()
        if visto != str(digito):
            pagina.problemas.append(f'desenhei um {digito}, a página mostrou {visto!r}')
        valores = pagina.aba.evaluate("Array.from(document.querySelectorAll('#barras .valor'))"
                                      ".map(v => v.textContent)")
        if {'100,0%', '0,0%'} & set(valores):
            pagina.problemas.append(f'barras arredondadas para 100% ou 0%: {valores}')
        if pagina.aba.locator('#convite').is_visible():
            pagina.problemas.append('o convite para desenhar continua visível')
        cinza, largura, altura = pagina.aba.evaluate(QUADRO_CINZA)
        cinza = np.array(cinza, dtype=np.uint8).reshape(altura, largura)
        maior = max(maior, diferenca_preparo(pagina, cinza, rgba=True))
    pagina.limpar()
    vazio = pagina.aba.evaluate(QUADRO_CINZA)[0]
    if pagina.previsao() != '' or max(vazio) != 0:
        pagina.problemas.append('Limpar não apagou o quadro e a previsão')
    barras = pagina.aba.evaluate("Array.from(document.querySelectorAll('#barras .valor'))"
                                 ".map(v => v.textContent).join('')")
    if barras: pagina.problemas.append('Limpar não apagou as barras')
    if not pagina.aba.locator('#convite').is_visible():
        pagina.problemas.append('o quadro vazio não mostra o convite para desenhar')
    if maior > TOLERANCIA_PREPARO:
        pagina.problemas.append('preparo do quadro difere de para_o_formato_mnist '
                                f'em até {maior:.2e}')
    return maior

def conferir_outra_rede(navegador, pagina_fonte:Path, imagens:torch.Tensor) -> list:
    "?pesos=arquivo.js, do disco: a página com outra rede, gravada por exportar_para_navegador."
    torch.manual_seed(0)
    outra = RedeConvolucional(**ARQUITETURA_COMPACTA | dict(ocultos=64)).eval()
    with tempfile.TemporaryDirectory() as tmp:
        copia = Path(tmp) / PASTA
        shutil.copytree(pagina_fonte, copia)
        exportar_para_navegador(outra, copia / 'minha_rede.js')
        pagina = Pagina(navegador, (copia / 'index.html').as_uri() + '?pesos=minha_rede.js')
        if not pagina.problemas: conferir_rede(pagina, outra, imagens)
        pagina.aba.close()
    return pagina.problemas

def relatar(onde:str, problemas:list) -> int:
    print(f"{'ok   ' if not problemas else 'FALHA'} {onde}"
          + ''.join(f'\n      - {p}' for p in problemas))
    return len(problemas)

def testar(site:Path, capturas:Path, chromium:str) -> int:
    "Roda todas as conferências; devolve o número de problemas."
    pagina_fonte = site / PASTA
    arquivos = [pagina_fonte / n for n in ('index.html', 'desenhe.js', 'pesos.js')]
    tamanho = sum(a.stat().st_size for a in arquivos) / 1024
    modelo = modelo_embutido()[0].eval()
    teste = carregar_mnist(treino=False)
    imagens = teste.data[:IMAGENS].float() / 255
    falhas = 0
    with site_no_navegador(site, chromium) as (navegador, raiz):
        servida = Pagina(navegador, f'{raiz}{PASTA}/index.html')
        rede = conferir_rede(servida, modelo, imagens) if not servida.problemas else None
        preparo = conferir_preparo(servida, teste.data[IMAGENS:IMAGENS + 8]) if rede else None
        quadro = conferir_desenhos(servida) if rede else None
        if rede:
            servida.desenhar(TRACOS[7])
            servida.aba.screenshot(path=str(capturas / 'desenhe.png'), full_page=True)
        falhas += relatar('servida em 127.0.0.1', servida.problemas)
        disco = Pagina(navegador, (pagina_fonte / 'index.html').resolve().as_uri())
        if not disco.problemas:
            conferir_rede(disco, modelo, imagens[:100])
            conferir_desenhos(disco)
        falhas += relatar('aberta do disco (file://)', disco.problemas)
        falhas += relatar('com ?pesos=minha_rede.js, do disco',
                          conferir_outra_rede(navegador, pagina_fonte, imagens[:100]))
    print(f'tamanho da página: {numero(tamanho)} KB ('
          + ', '.join(f'{a.name} {numero(a.stat().st_size / 1024)} KB' for a in arquivos) + ')')
    if rede:
        print(f"concordância com o PyTorch: {rede['iguais']} de {rede['n']} dígitos iguais, "
              f"maior diferença de probabilidade {rede['diferenca']:.1e} "
              f"(tolerância {TOLERANCIA_PROBABILIDADES:.0e})")
        print(f'preparo contra para_o_formato_mnist: maior diferença {preparo:.1e} '
              f'nos {len(casos_de_preparo(teste.data[:8]))} casos de teste, '
              f'{quadro:.1e} nos desenhos (tolerância {TOLERANCIA_PREPARO:.0e}); '
              f'{len(EMPATES)} caso(s) com o centro de massa a menos de 1e-5 de meio pixel, '
              'em que vale também o centro calculado em float64')
        print(f"tempo por previsão no navegador: {numero(rede['mediana_ms'], 2)} ms "
              f"(mediana de {rede['n']})")
    return falhas

if __name__ == '__main__':
    args = argumentos(__doc__.splitlines()[0], f'{PASTA}/pesos.js')
    falhas = testar(args.site, args.capturas, args.chromium)
    print(f'{falhas} problema(s)' if falhas else 'a página Desenhe um dígito passou')
    sys.exit(1 if falhas else 0)
