from . import attachment, main, portal
