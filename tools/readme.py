"""Gera README.md a partir de nbs/index.ipynb sem Quarto: processadores do nbdev + nbconvert.

Uso: python tools/readme.py
"""
import re
from pathlib import Path

from execnb.nbio import read_nb, nb2str
from nbconvert import MarkdownExporter
from nbdev.config import get_config
from nbdev.processors import FilterDefaults, NBProcessor
import nbformat

def readme_markdown(indice:Path) -> str:
    "O markdown do README: título e subtítulo do notebook, depois o corpo processado como no site."
    nb = read_nb(indice)
    NBProcessor(nb=nb, procs=[p for p in FilterDefaults().procs()
                              if p.__name__ != 'insert_warning']).process()
    # o frontmatter do Quarto vira o título abaixo
    nb.cells = [c for c in nb.cells if c.cell_type != 'raw']
    fm = getattr(nb, 'frontmatter_', {})
    corpo, _ = (MarkdownExporter(exclude_input_prompt=True, exclude_output_prompt=True)
                .from_notebook_node(nbformat.reads(nb2str(nb), as_version=4)))
    corpo = corpo.replace('](../assets/', '](assets/')
    corpo = re.sub(r'\]\(([^)/:]+\.ipynb)\)', r'](nbs/\1)', corpo)  # as lições ficam em nbs/
    topo = f"# {fm['title']}\n\n" + (f"> {fm['description']}\n\n" if fm.get('description') else '')
    return topo + re.sub(r'\n{3,}', '\n\n', corpo).strip() + '\n'

if __name__ == '__main__':
    cfg = get_config()
    destino = cfg.config_path/'README.md'
    destino.write_text(readme_markdown(cfg.nbs_path/cfg.readme_nb), encoding='utf-8')
    print(f'{destino} gerado a partir de {cfg.readme_nb}')
