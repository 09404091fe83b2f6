"""`conferir`: a resposta de cada exercício, conferida na hora, com uma dica quando está errada.

Tudo vem de `conferencia` (nbs/95_exercicios.ipynb). Os conferidores de cada lição ficam nos
módulos ao lado (nbs/exercicios/), importados só quando um exercício da lição é conferido.
"""
from .conferencia import *
from .conferencia import __all__
