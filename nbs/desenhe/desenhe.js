// Desenhe um dígito: a CNN do curso mnist_course rodando no navegador.
// Sem servidor, sem internet e sem bibliotecas: funciona até aberto direto do
// disco (file://). Os pesos vêm de pesos.js (ou de ?pesos=arquivo.js), que define
// window.MNIST_CURSO_PESOS; ele é gravado por exportar_para_navegador (lição 07).
(function () {
  'use strict';

  // ---------------------------------------------------------------------------
  // Os pesos: cada tensor é base64 de números float32 little-endian.

  function decodificar(tensor) {
    var binario = atob(tensor.base64);
    var bytes = new DataView(new ArrayBuffer(binario.length));
    for (var i = 0; i < binario.length; i++) {
      bytes.setUint8(i, binario.charCodeAt(i));
    }
    var valores = new Float32Array(binario.length / 4);
    for (var j = 0; j < valores.length; j++) {
      valores[j] = bytes.getFloat32(4 * j, true);
    }
    return valores;
  }

  function carregarRede(pesos) {
    if (!pesos || pesos.formato !== 'mnist_course-navegador') {
      throw new Error('O arquivo de pesos não é do curso: grave-o com ' +
                      'exportar_para_navegador (lição 07).');
    }
    var t = pesos.tensores;
    function camada(nome) {
      return {
        w: decodificar(t[nome + '.weight']),
        b: decodificar(t[nome + '.bias']),
        forma: t[nome + '.weight'].forma
      };
    }
    return {
      conv1: camada('0'), conv2: camada('3'), linear1: camada('7'),
      linear2: camada('9'), hiperparametros: pesos.hiperparametros,
      media: pesos.normalizacao.media, desvio: pesos.normalizacao.desvio
    };
  }

  // ---------------------------------------------------------------------------
  // As camadas. Um mapa é {dados, canais, lado}: canais × lado × lado números,
  // na mesma ordem do PyTorch (canal, linha, coluna).

  function conv2d(x, camada) {
    var saidas = camada.forma[0];
    var k = camada.forma[2];
    var lado = x.lado - k + 1;
    var y = new Float64Array(saidas * lado * lado);
    for (var s = 0; s < saidas; s++) {
      for (var i = 0; i < lado; i++) {
        for (var j = 0; j < lado; j++) {
          var soma = camada.b[s];
          for (var c = 0; c < x.canais; c++) {
            for (var di = 0; di < k; di++) {
              for (var dj = 0; dj < k; dj++) {
                var w = camada.w[((s * x.canais + c) * k + di) * k + dj];
                var p = x.dados[(c * x.lado + i + di) * x.lado + j + dj];
                soma += w * p;
              }
            }
          }
          y[(s * lado + i) * lado + j] = soma;
        }
      }
    }
    return {dados: y, canais: saidas, lado: lado};
  }

  function maxPool2d(x) {
    var lado = Math.floor(x.lado / 2);
    var y = new Float64Array(x.canais * lado * lado);
    for (var c = 0; c < x.canais; c++) {
      for (var i = 0; i < lado; i++) {
        for (var j = 0; j < lado; j++) {
          var base = (c * x.lado + 2 * i) * x.lado + 2 * j;
          y[(c * lado + i) * lado + j] = Math.max(
            x.dados[base], x.dados[base + 1],
            x.dados[base + x.lado], x.dados[base + x.lado + 1]);
        }
      }
    }
    return {dados: y, canais: x.canais, lado: lado};
  }

  function relu(x) {
    var y = new Float64Array(x.dados.length);
    for (var i = 0; i < y.length; i++) {
      y[i] = Math.max(0, x.dados[i]);
    }
    return {dados: y, canais: x.canais, lado: x.lado};
  }

  function flatten(x) {
    return {dados: x.dados, canais: x.dados.length, lado: 1};
  }

  function linear(x, camada) {
    var saidas = camada.forma[0];
    var entradas = camada.forma[1];
    var y = new Float64Array(saidas);
    for (var s = 0; s < saidas; s++) {
      var soma = camada.b[s];
      for (var e = 0; e < entradas; e++) {
        soma += camada.w[s * entradas + e] * x.dados[e];
      }
      y[s] = soma;
    }
    return {dados: y, canais: saidas, lado: 1};
  }

  function softmax(logits) {
    var maior = Math.max.apply(null, logits);
    var exps = logits.map(function (v) { return Math.exp(v - maior); });
    var total = exps.reduce(function (a, b) { return a + b; }, 0);
    return exps.map(function (v) { return v / total; });
  }

  // ---------------------------------------------------------------------------
  // A propagação direta: as camadas do nn.Sequential da RedeConvolucional, na
  // mesma ordem (o pooling vem antes da ReLU, como na lição 03).

  function propagar(rede, imagem) {
    var x = {dados: imagem, canais: 1, lado: 28};
    x = conv2d(x, rede.conv1);    // (0) nn.Conv2d(1, canais1, nucleo1)
    var mapas = x;                // os mapas que a página mostra
    x = maxPool2d(x);             // (1) nn.MaxPool2d(2)
    x = relu(x);                  // (2) nn.ReLU()
    x = conv2d(x, rede.conv2);    // (3) nn.Conv2d(canais1, canais2, nucleo2)
    x = maxPool2d(x);             // (4) nn.MaxPool2d(2)
    x = relu(x);                  // (5) nn.ReLU()
    x = flatten(x);               // (6) nn.Flatten()
    x = linear(x, rede.linear1);  // (7) nn.Linear(canais2 * lado², ocultos)
    x = relu(x);                  // (8) nn.ReLU()
    x = linear(x, rede.linear2);  // (9) nn.Linear(ocultos, 10)
    return {logits: Array.from(x.dados), mapas: mapas};
  }

  // ---------------------------------------------------------------------------
  // O preparo da lição 06 (para_o_formato_mnist), etapa por etapa. Uma imagem é
  // {dados, altura, largura} com tons de 0 a 1. Math.fround arredonda para
  // float32, como as contas do PyTorch, para que os resultados coincidam.

  var f32 = Math.fround;

  function arredondar(v) {
    // round() do Python: o meio vai para o par (2,5 → 2 e 3,5 → 4).
    var baixo = Math.floor(v);
    var resto = v - baixo;
    if (resto > 0.5) return baixo + 1;
    if (resto < 0.5) return baixo;
    return baixo % 2 === 0 ? baixo : baixo + 1;
  }

  function borda(a) {
    var h = a.altura, w = a.largura, fila = [];
    for (var j = 0; j < w; j++) fila.push(a.dados[j]);
    for (j = 0; j < w; j++) fila.push(a.dados[(h - 1) * w + j]);
    for (var i = 0; i < h; i++) fila.push(a.dados[i * w]);
    for (i = 0; i < h; i++) fila.push(a.dados[i * w + w - 1]);
    return fila;
  }

  function mediana(valores) {
    // torch.median: com um número par de valores, o menor dos dois do meio.
    var ordem = valores.slice().sort(function (p, q) { return p - q; });
    return ordem[Math.floor((ordem.length - 1) / 2)];
  }

  function mapa(a, f) {
    var dados = new Float32Array(a.dados.length);
    for (var i = 0; i < dados.length; i++) dados[i] = f(a.dados[i]);
    return {dados: dados, altura: a.altura, largura: a.largura};
  }

  function maximo(dados) {
    var m = -Infinity;
    for (var i = 0; i < dados.length; i++) m = Math.max(m, dados[i]);
    return m;
  }

  function inverter(cinza) {
    if (mediana(borda(cinza)) > 0.5) {
      return mapa(cinza, function (p) { return f32(1 - p); });
    }
    return cinza;
  }

  function limparFundo(a) {
    var fundo = mediana(borda(a));
    var faixa = f32(maximo(a.dados) - fundo);
    if (faixa < f32(0.1)) {
      throw new Error('A imagem não tem nenhum traço visível.');
    }
    return mapa(a, function (p) {
      var v = Math.min(Math.max(f32(f32(p - fundo) / faixa), 0), 1);
      return v > f32(0.2) ? v : 0;
    });
  }

  function recortar(a) {
    var topo = a.altura, fim = -1, esquerda = a.largura, direita = -1;
    for (var i = 0; i < a.altura; i++) {
      for (var j = 0; j < a.largura; j++) {
        if (a.dados[i * a.largura + j] !== 0) {
          topo = Math.min(topo, i);
          fim = Math.max(fim, i);
          esquerda = Math.min(esquerda, j);
          direita = Math.max(direita, j);
        }
      }
    }
    var h = fim - topo + 1, w = direita - esquerda + 1;
    var dados = new Float32Array(h * w);
    for (i = 0; i < h; i++) {
      for (j = 0; j < w; j++) {
        dados[i * w + j] = a.dados[(topo + i) * a.largura + esquerda + j];
      }
    }
    return {dados: dados, altura: h, largura: w};
  }

  function pesosDoFiltro(entrada, saida) {
    // Os pesos do filtro triangular com antialias de F.interpolate (bilinear),
    // em float32 como no PyTorch: para cada pixel de saída, de onde lê e com
    // que peso.
    var escala = f32(entrada / saida);
    var suporte = escala >= 1 ? escala : 1;
    var inverso = escala >= 1 ? f32(1 / escala) : 1;
    var maximoDeTermos = Math.ceil(suporte) * 2 + 1;
    var lista = [];
    for (var i = 0; i < saida; i++) {
      var centro = f32(escala * (i + 0.5));
      var inicio = Math.max(Math.trunc(f32(centro - suporte) + 0.5), 0);
      var fim = Math.min(Math.trunc(f32(centro + suporte) + 0.5), entrada);
      var n = Math.min(Math.max(fim - inicio, 0), maximoDeTermos);
      var pesos = [], total = 0;
      for (var j = 0; j < n; j++) {
        var x = f32((f32(j + inicio - centro) + 0.5) * inverso);
        var peso = Math.abs(x) < 1 ? f32(1 - Math.abs(x)) : 0;
        pesos.push(peso);
        total = f32(total + peso);
      }
      if (total !== 0) {
        pesos = pesos.map(function (p) { return f32(p / total); });
      }
      lista.push({inicio: inicio, pesos: pesos});
    }
    return lista;
  }

  function redimensionar(a, altura, largura) {
    // Primeiro na horizontal, depois na vertical, como o PyTorch.
    var dados = a.dados;
    if (largura !== a.largura) {
      var filtro = pesosDoFiltro(a.largura, largura);
      var nova = new Float32Array(a.altura * largura);
      for (var i = 0; i < a.altura; i++) {
        for (var j = 0; j < largura; j++) {
          var soma = 0, f = filtro[j];
          for (var t = 0; t < f.pesos.length; t++) {
            var p = dados[i * a.largura + f.inicio + t];
            soma = f32(soma + f32(p * f.pesos[t]));
          }
          nova[i * largura + j] = soma;
        }
      }
      dados = nova;
    }
    if (altura !== a.altura) {
      var filtroV = pesosDoFiltro(a.altura, altura);
      var novaV = new Float32Array(altura * largura);
      for (var ii = 0; ii < altura; ii++) {
        var fv = filtroV[ii];
        for (var jj = 0; jj < largura; jj++) {
          var somaV = 0;
          for (var tt = 0; tt < fv.pesos.length; tt++) {
            var pv = dados[(fv.inicio + tt) * largura + jj];
            somaV = f32(somaV + f32(pv * fv.pesos[tt]));
          }
          novaV[ii * largura + jj] = somaV;
        }
      }
      dados = novaV;
    }
    return {dados: dados, altura: altura, largura: largura};
  }

  function caberEm20(a) {
    var escala = 20 / Math.max(a.altura, a.largura);
    var h = Math.max(1, arredondar(a.altura * escala));
    var w = Math.max(1, arredondar(a.largura * escala));
    var b = redimensionar(a, h, w);
    return mapa(b, function (p) { return Math.min(Math.max(p, 0), 1); });
  }

  function centroDeMassa(a) {
    var massa = 0, linha = 0, coluna = 0;
    for (var i = 0; i < a.altura; i++) {
      for (var j = 0; j < a.largura; j++) {
        var p = a.dados[i * a.largura + j];
        massa += p;
        linha += i * p;
        coluna += j * p;
      }
    }
    return [linha / massa, coluna / massa];
  }

  var CENTRO_MNIST = 14;

  function centralizar(a) {
    var centro = centroDeMassa(a);
    var limiteTopo = 28 - a.altura;
    var limiteEsquerda = 28 - a.largura;
    var topo = arredondar(CENTRO_MNIST - centro[0]);
    var esquerda = arredondar(CENTRO_MNIST - centro[1]);
    topo = Math.min(Math.max(topo, 0), limiteTopo);
    esquerda = Math.min(Math.max(esquerda, 0), limiteEsquerda);
    var saida = new Float32Array(28 * 28);
    for (var i = 0; i < a.altura; i++) {
      for (var j = 0; j < a.largura; j++) {
        saida[(topo + i) * 28 + esquerda + j] = a.dados[i * a.largura + j];
      }
    }
    return saida;
  }

  function paraCinza(imagem, largura, altura) {
    // Tons de cinza de 0 a 1. De uma ImageData (RGBA), com a mesma conta do
    // Pillow (convert('L')), sobre fundo branco onde houver transparência.
    var fonte = imagem.data || imagem;
    var dados = new Float32Array(largura * altura);
    if (fonte.length === largura * altura) {
      dados.set(fonte);
    } else {
      for (var i = 0; i < dados.length; i++) {
        var r = fonte[4 * i], g = fonte[4 * i + 1], b = fonte[4 * i + 2];
        var l = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
        var alfa = fonte[4 * i + 3];
        l = Math.round((l * alfa + 255 * (255 - alfa)) / 255);
        dados[i] = f32(l / 255);
      }
    }
    return {dados: dados, altura: altura, largura: largura};
  }

  function preparar(imagem, largura, altura) {
    // para_o_formato_mnist: do desenho (ou de uma foto) ao dígito em 28×28.
    var cinza = paraCinza(imagem, largura, altura);
    var a = limparFundo(inverter(cinza));
    return centralizar(caberEm20(recortar(a)));
  }

  // ---------------------------------------------------------------------------
  // A interface: prever(pixels) e preparar(imagem, largura, altura).

  var rede = null;

  function normalizar(pixels) {
    var x = new Float64Array(784);
    for (var i = 0; i < 784; i++) {
      x[i] = f32(f32(pixels[i] - rede.media) / rede.desvio);
    }
    return x;
  }

  function calcular(pixels) {
    if (!rede) throw new Error('Os pesos da rede ainda não foram carregados.');
    if (pixels.length !== 784) {
      throw new Error('A imagem precisa ter 784 pixels (28×28).');
    }
    var saida = propagar(rede, normalizar(pixels));
    return {probabilidades: softmax(saida.logits), mapas: saida.mapas};
  }

  function prever(pixels) {
    return calcular(pixels).probabilidades;
  }

  window.mnistCurso = {
    prever: prever,
    preparar: preparar,
    calcular: calcular,
    pronto: false,
    erro: null
  };

  // ---------------------------------------------------------------------------
  // A página: o quadro, o botão Limpar, as barras e os mapas de ativação.

  var quadro, contexto, desenhando = false, ultimo = null, pedido = false;

  function limparQuadro() {
    contexto.fillStyle = '#000';
    contexto.fillRect(0, 0, quadro.width, quadro.height);
    mostrar(null);
  }

  function ponto(evento) {
    var caixa = quadro.getBoundingClientRect();
    return {
      x: (evento.clientX - caixa.left) * quadro.width / caixa.width,
      y: (evento.clientY - caixa.top) * quadro.height / caixa.height
    };
  }

  function riscar(de, ate) {
    contexto.strokeStyle = '#fff';
    contexto.lineWidth = 22;
    contexto.lineCap = 'round';
    contexto.lineJoin = 'round';
    contexto.beginPath();
    contexto.moveTo(de.x, de.y);
    contexto.lineTo(ate.x, ate.y);
    contexto.stroke();
  }

  function aoApertar(evento) {
    evento.preventDefault();
    quadro.setPointerCapture(evento.pointerId);
    desenhando = true;
    ultimo = ponto(evento);
    riscar(ultimo, ultimo);
    pedirPrevisao();
  }

  function aoMover(evento) {
    if (!desenhando) return;
    evento.preventDefault();
    var atual = ponto(evento);
    riscar(ultimo, atual);
    ultimo = atual;
    pedirPrevisao();
  }

  function aoSoltar() {
    if (!desenhando) return;
    desenhando = false;
    atualizar();
  }

  function pedirPrevisao() {
    if (pedido) return;
    pedido = true;
    window.requestAnimationFrame(function () {
      pedido = false;
      atualizar();
    });
  }

  function atualizar() {
    if (!rede) return;
    var imagem = contexto.getImageData(0, 0, quadro.width, quadro.height);
    var pixels;
    try {
      pixels = preparar(imagem, quadro.width, quadro.height);
    } catch (e) {
      mostrar(null);  // quadro vazio: nada a prever
      return;
    }
    var resultado = calcular(pixels);
    mostrar({pixels: pixels, probabilidades: resultado.probabilidades,
             mapas: resultado.mapas});
  }

  function formatar(p) {
    // Como porcentagem() do curso: 100% ou 0% só quando é exatamente isso.
    var texto = (100 * p).toFixed(1);
    if (p < 1 && texto === '100.0') return '> 99,9%';
    if (p > 0 && texto === '0.0') return '< 0,1%';
    return texto.replace('.', ',') + '%';
  }

  function mostrar(resultado) {
    var previsao = document.getElementById('previsao');
    var barras = document.querySelectorAll('#barras .barra');
    document.getElementById('convite').hidden = Boolean(resultado);
    if (!resultado) {
      previsao.textContent = '';
      quadro.setAttribute('data-previsao', '');
      for (var i = 0; i < barras.length; i++) {
        barras[i].querySelector('.preenchida').style.width = '0%';
        barras[i].querySelector('.valor').textContent = '';
        barras[i].classList.remove('maior');
      }
      desenharMapas(null, null);
      return;
    }
    var p = resultado.probabilidades;
    var digito = p.indexOf(Math.max.apply(null, p));
    previsao.textContent = String(digito);
    quadro.setAttribute('data-previsao', String(digito));
    for (var d = 0; d < barras.length; d++) {
      barras[d].querySelector('.preenchida').style.width = (100 * p[d]) + '%';
      barras[d].querySelector('.valor').textContent = formatar(p[d]);
      barras[d].classList.toggle('maior', d === digito);
    }
    desenharMapas(resultado.pixels, resultado.mapas);
  }

  function pintar(canvas, dados, lado, inicio, escala) {
    var ctx = canvas.getContext('2d');
    var img = ctx.createImageData(lado, lado);
    for (var i = 0; i < lado * lado; i++) {
      var v = dados ? Math.max(0, Math.min(255, dados[inicio + i] * escala)) : 0;
      img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v;
      img.data[4 * i + 3] = 255;
    }
    canvas.width = lado;
    canvas.height = lado;
    ctx.putImageData(img, 0, 0);
  }

  function desenharMapas(pixels, mapas) {
    var entrada = document.getElementById('entrada');
    if (entrada) pintar(entrada, pixels, 28, 0, 255);
    var caixa = document.getElementById('mapas');
    if (!caixa || !rede) return;
    var canais = rede.conv1.forma[0];
    while (caixa.children.length < canais) {
      var novo = document.createElement('canvas');
      novo.className = 'mapa';
      caixa.appendChild(novo);
    }
    for (var c = 0; c < canais; c++) {
      var lado = mapas ? mapas.lado : 28 - rede.conv1.forma[2] + 1;
      var maior = 0;
      if (mapas) {
        for (var i = 0; i < lado * lado; i++) {
          maior = Math.max(maior, mapas.dados[c * lado * lado + i]);
        }
      }
      var escala = maior > 0 ? 255 / maior : 0;
      pintar(caixa.children[c], mapas ? mapas.dados : null, lado, c * lado * lado,
             escala);
    }
  }

  function montarBarras() {
    var caixa = document.getElementById('barras');
    for (var d = 0; d < 10; d++) {
      var linha = document.createElement('div');
      linha.className = 'barra';
      linha.innerHTML = '<span class="digito">' + d + '</span>' +
        '<span class="trilho"><span class="preenchida"></span></span>' +
        '<span class="valor"></span>';
      caixa.appendChild(linha);
    }
  }

  function avisar(mensagem) {
    window.mnistCurso.erro = mensagem;
    var aviso = document.getElementById('aviso');
    aviso.textContent = mensagem;
    aviso.hidden = false;
  }

  function iniciarRede() {
    try {
      rede = carregarRede(window.MNIST_CURSO_PESOS);
    } catch (e) {
      avisar(window.MNIST_CURSO_PESOS ? e.message :
             'Os pesos da rede não foram encontrados (pesos.js). Construa o ' +
             'site com python tools/docs.py ou grave-os com ' +
             'exportar_para_navegador (lição 07).');
      return;
    }
    var origem = document.getElementById('origem');
    if (origem) origem.textContent = window.MNIST_CURSO_PESOS.descricao || '';
    var lado = 28 - rede.conv1.forma[2] + 1;  // o lado dos mapas, antes do pooling
    document.getElementById('filtros').textContent = String(rede.conv1.forma[0]);
    document.getElementById('lado').textContent = lado + '×' + lado;
    window.mnistCurso.pronto = true;
    desenharMapas(null, null);
    atualizar();
  }

  function pesosPedidos() {
    // ?pesos=minha_rede.js: um arquivo de pesos na mesma pasta da página.
    var m = /[?&]pesos=([^&#]*)/.exec(window.location.search);
    if (!m) return null;
    var nome = decodeURIComponent(m[1]);
    return /^[\w.-]+\.js$/.test(nome) ? nome : '';
  }

  function carregarPesos() {
    var nome = pesosPedidos();
    if (nome === null) {
      iniciarRede();
      return;
    }
    if (nome === '') {
      avisar('Use ?pesos=arquivo.js com um arquivo na pasta desta página.');
      return;
    }
    window.MNIST_CURSO_PESOS = undefined;
    var script = document.createElement('script');
    script.src = nome;
    script.onload = iniciarRede;
    script.onerror = function () {
      avisar('Não foi possível abrir ' + nome + ': ele precisa estar na pasta ' +
             'desta página.');
    };
    document.head.appendChild(script);
  }

  function iniciar() {
    quadro = document.getElementById('quadro');
    contexto = quadro.getContext('2d', {willReadFrequently: true});
    montarBarras();
    quadro.addEventListener('pointerdown', aoApertar);
    quadro.addEventListener('pointermove', aoMover);
    quadro.addEventListener('pointerup', aoSoltar);
    quadro.addEventListener('pointercancel', aoSoltar);
    document.getElementById('limpar').addEventListener('click', limparQuadro);
    limparQuadro();
    carregarPesos();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', iniciar);
  } else {
    iniciar();
  }
})();
