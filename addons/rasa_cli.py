"""``python -m rasa``, with skops imported before TensorFlow: the same commands, 8 s faster.

Rasa's LogisticRegressionClassifier saves and loads its model with skops. When skops is first
imported it lists the types it trusts, and for objects without ``__module__`` (numpy and scipy
ufuncs) it searches every loaded module. Once Rasa has imported TensorFlow, that search walks
TensorFlow's lazy modules and took 9 to 12 s on our 2-core machine; imported first, skops takes
about 3 s, with the same list of trusted types (checked). Rasa pays it once per process: at
every start of the server and in every training run.

    python -m addons.rasa_cli run ...      # instead of: python -m rasa run ...
"""

import skops.io  # noqa: F401  (must come before Rasa, which imports TensorFlow)
from rasa.__main__ import main

if __name__ == "__main__":
    main()
