from . import ikm
