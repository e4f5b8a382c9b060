import sys

from nva_fabric.scenarios.runner import main

sys.exit(main(sys.argv[1:]))
