import sys

from pilot_eval.cli import main

sys.exit(main())
