"""The precomputed NFC character class matches Python's own Unicode database."""
import unicodedata

from validate.rules import hygiene
from validate.rules.nfc_suspects import NFC_SUSPECTS, UNICODE_VERSION


def test_precomputed_nfc_suspects_are_current():
    assert UNICODE_VERSION == unicodedata.unidata_version
    assert NFC_SUSPECTS == hygiene.compute_nfc_suspects()
