"""People, organisations and places in Vietnamese news text (PER, ORG, LOC), with offsets.

Vietnamese capitalises every syllable of a name and little else, so name spans are found as
runs of capitalised syllables; the words around and inside them type them: a person's title
or role before ("ông", "Ngoại trưởng", "Chủ tịch"), an organisation's head word at its start
("Bộ", "Ủy ban", "Công ty"), a place cue before ("tỉnh", "thành phố", "huyện") and
gazetteers of countries, capitals and Vietnam's provinces. A title is not part of a person's
span, and a country before a name ("Ngoại trưởng Nga Sergei Lavrov") is a place of its own.
Rules and word lists, no model: offline and fast (one regex pass and a walk over the runs).

The package, by concept: :mod:`.finder` walks the text; :mod:`.tokens` holds the tokens,
word shapes and the span it returns; :mod:`.lexicon` the word lists and gazetteers;
:mod:`.kinds` how a name is typed; :mod:`.runs` where a run of capitals splits;
:mod:`.credits` pictures' credits and bylines; :mod:`.passes` the passes over the whole
text. Names with a leading underscore are the package's own.
"""

from diemtin.vi.entities.credits import credit_end
from diemtin.vi.entities.finder import find_entities
from diemtin.vi.entities.lexicon import PROVINCES
from diemtin.vi.entities.tokens import Entity, foreign_word

__all__ = ["PROVINCES", "Entity", "credit_end", "find_entities", "foreign_word"]
