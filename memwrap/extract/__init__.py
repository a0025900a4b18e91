"""General, wording-independent extraction signals used by memwrap.classify.

entities: is this a technical name? (versions, packages, code identifiers, paths)
stack: PROJECT stack from manifests, tool version output and "<name> <version>" lists
narrated: approaches the user narrates as tried-and-failed, in any tense or grammar
statements: user rules/preferences by weighted signals, and accepted assistant proposals
"""
