# Thin shim for tools that still call setup.py; the build is declared in pyproject.toml.
from setuptools import setup

setup()
