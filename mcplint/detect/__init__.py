"""Detection stage: find literal secrets in single decoded configuration values.

``Detector.default()`` loads the bundled ``mcplint/detect/providers/*.yaml`` patterns once; ``Detector.scan(value,
key)`` returns ``SecretHit`` spans. URL credentials live in :mod:`mcplint.detect.urls`.
"""

from mcplint.detect.detector import Detector, SecretHit

__all__ = ["Detector", "SecretHit"]
