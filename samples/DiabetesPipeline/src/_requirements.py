"""Shared helper: import scikit-learn or exit with a message that says how to install it."""

import sys

INSTALL_HINT = (
    "scikit-learn is not installed for {exe} (Python {ver}).\n"
    "Install it, then run the sample again:\n"
    "  Debian/Ubuntu:  sudo apt-get install -y python3-sklearn\n"
    "  any platform:   {exe} -m pip install scikit-learn\n"
)


def require_sklearn():
    """Returns the scikit-learn module, or exits with code 3 and an install hint on stderr."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        sys.stderr.write(INSTALL_HINT.format(exe=sys.executable, ver=sys.version.split()[0]))
        sys.exit(3)
    return sklearn
