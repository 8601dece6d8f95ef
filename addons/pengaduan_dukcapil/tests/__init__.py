from . import test_dukcapil
