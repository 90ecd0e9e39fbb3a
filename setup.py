"""Packaging beyond pyproject.toml: the wheel carries templates/, static/ and migrations/.

They stay at the top of the repository (the design card's layout) and are mapped at build
time into the package as helpcentre/_shipped/<folder>, where helpcentre/resources.py finds
them once installed. Computed here, not listed in pyproject.toml, so a new subpackage or
template folder is shipped without anyone remembering to list it.
"""
from setuptools import find_namespace_packages, find_packages, setup

SHIPPED = ("templates", "static", "migrations")

packages = find_packages(include=["helpcentre", "helpcentre.*"])
package_dir = {}
package_data = {}
for folder in SHIPPED:
    base = f"helpcentre._shipped.{folder}"
    package_dir[base] = folder
    inner = [f"{base}.{name}" for name in find_namespace_packages(where=folder, exclude=["*__pycache__*"])]
    for package in [base, *inner]:
        packages.append(package)
        package_data[package] = ["*"]

setup(packages=packages, package_dir=package_dir, package_data=package_data)
