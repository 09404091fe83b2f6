from setuptools import setup
from setuptools.command.build_py import build_py
from configparser import ConfigParser
from pathlib import Path
import setuptools, shlex, shutil

config = ConfigParser(delimiters=['='])
config.read('settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

cfg_keys = 'version description keywords author author_email'.split()
expected = cfg_keys + "lib_name user branch license status min_python audience language".split()
for o in expected: assert o in cfg, "missing expected setting: {}".format(o)
setup_cfg = {o:cfg[o] for o in cfg_keys}

licenses = {
    'apache2': ('Apache Software License 2.0','OSI Approved :: Apache Software License'),
    'mit': ('MIT License', 'OSI Approved :: MIT License'),
    'gpl2': ('GNU General Public License v2', 'OSI Approved :: GNU General Public License v2 (GPLv2)'),
    'gpl3': ('GNU General Public License v3', 'OSI Approved :: GNU General Public License v3 (GPLv3)'),
    'bsd3': ('BSD License', 'OSI Approved :: BSD License'),
}
statuses = [ '1 - Planning', '2 - Pre-Alpha', '3 - Alpha',
    '4 - Beta', '5 - Production/Stable', '6 - Mature', '7 - Inactive' ]
py_versions = '3.6 3.7 3.8 3.9 3.10 3.11 3.12 3.13 3.14'.split()

requirements = shlex.split(cfg.get('requirements', ''))
if cfg.get('pip_requirements'): requirements += shlex.split(cfg.get('pip_requirements', ''))
min_python = cfg['min_python']
lic = licenses.get(cfg['license'].lower(), (cfg['license'], None))
dev_requirements = shlex.split(cfg.get('dev_requirements', ''))
curso_requirements = shlex.split(cfg.get('curso_requirements', ''))
extras = {'dev': dev_requirements, 'curso': curso_requirements, 'tensorboard': ['tensorboard']}

# O material que as lições leem, com os caminhos do repositório (veja nbs/98_aulas.ipynb)
MATERIAL = ('nbs/0[0-7]_*.ipynb', 'nbs/99_solucoes.ipynb', 'nbs/desenhe/*',
            'benchmarks/velocidade.json')

class ComMaterial(build_py):
    "Copia o material do curso para `mnist_course/material/` dentro do pacote construído."
    def run(self):
        super().run()
        if self.editable_mode: return  # instalado de um clone: o material já está nele
        destino = Path(self.build_lib) / cfg['lib_path'] / 'material'
        for padrao in MATERIAL:
            arquivos = sorted(Path().glob(padrao))
            assert arquivos, f'nenhum arquivo do material em {padrao}'
            for arquivo in arquivos:
                (destino / arquivo).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(arquivo, destino / arquivo)

readme = Path('README.md')
long_description = readme.read_text(encoding='utf-8') if readme.exists() else cfg['description']

setuptools.setup(
    name = cfg['lib_name'],
    license = lic[0],
    classifiers = [
        'Development Status :: ' + statuses[int(cfg['status'])],
        'Intended Audience :: ' + cfg['audience'].title(),
        'Natural Language :: ' + cfg['language'].title(),
    ] + ['Programming Language :: Python :: '+o for o in py_versions[py_versions.index(min_python):]] + (['License :: ' + lic[1] ] if lic[1] else []),
    url = cfg['git_url'],
    packages = setuptools.find_packages(),
    include_package_data = True,
    install_requires = requirements,
    extras_require = extras,
    dependency_links = cfg.get('dep_links','').split(),
    python_requires  = '>=' + cfg['min_python'],
    long_description = long_description,
    long_description_content_type = 'text/markdown',
    zip_safe = False,
    cmdclass = {'build_py': ComMaterial},
    entry_points = {
        'console_scripts': cfg.get('console_scripts','').split(),
        'nbdev': [f'{cfg.get("lib_path")}={cfg.get("lib_path")}._modidx:d']
    },
    **setup_cfg)
