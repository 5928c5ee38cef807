"""`python -m designations` runs the command line."""

from designations.cli import console

console()
