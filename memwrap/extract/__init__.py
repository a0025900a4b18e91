"""Extraction of typed candidates from a session's turns, one job per module.

Signals (wording-independent): entities (is this a technical name?), text (sentences), fit
(shorten a sentence by clauses), tools (test-runner pass/fail counts), stack (manifests, versions),
imports (libraries the code imports), narrated (failures told as history), statements (weighted
user rules and accepted proposals).

The extractor, composed in memwrap.classify: candidate (the Candidate type), topics (shared text
and topic helpers), cues (phrasings several parts share), runs (reading tool runs and errors),
state (shared extractor state), approaches (approach lifecycle and FAILED), bugfix (BUG_FIX and
failed attempts), user_statements (decisions, rules, TODOs), project_fact (PROJECT), passes
(session-wide passes and the dead-end filter).
"""
