"""The words the significance rules look for: modal verbs, negations, scope and number words,
qualifiers, and the small words that never count as terms or parties."""

from __future__ import annotations

MODALS = ("shall not", "must not", "may not", "will not", "cannot", "need not", "should not",
          "shall", "must", "will", "should", "may", "can", "might", "is to", "are to")
NEGATIONS = frozenset("not no never nor neither without none cannot".split())
SCOPE = frozenset("""area areas region regional regions global globally surrounding vicinity territory territories
territorial worldwide anywhere elsewhere beyond any all every only limited exclusively solely geographic
geographically outside inside within international high seas airspace waters""".split())
NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
once thrice sixty seventy eighty ninety hundred thousand million billion percent per cent half twice double
days day weeks week months month years year annual annually""".split())
# qualifiers that soften or condition an undertaking; adding or dropping one changes its strength
HEDGES = ("as appropriate", "where appropriate", "if appropriate", "when appropriate", "as necessary",
          "where necessary", "if necessary", "when necessary", "as needed", "as required", "to the extent",
          "in principle", "primarily", "as far as possible", "where possible", "if possible", "wherever possible",
          "as the situation requires", "endeavour", "endeavor", "seek to", "strive", "reasonable efforts",
          "best efforts", "subject to", "unless", "except", "at its discretion", "at their discretion",
          "in general", "generally", "normally", "ordinarily",
          # conditions that tie an undertaking to a legal basis or limit
          "within the limits of", "in accordance with", "consistent with", "consistently with", "pursuant to",
          "in conformity with", "as permitted by", "as provided by", "as the law", "laws and regulations")
STOPWORDS = frozenset("""a an and are as at be been by for from has have in into is it its of on or that the their
them these this those to was were which will with would shall may should must can could not no any all each other
such than then there they we our us you your he she his her also under upon within without""".split())
ACTOR_STOP = frozenset("The This That These Those Each Every Any All Where When If In On At By For Such Section "
                       "Article Chapter Part Annex January February March April May June July August September "
                       "October November December".split())
