"""Claims stage: who claims what, via which sources, with which stance; contradictions across articles.

``claims`` analyzer (:mod:`.analyzer`), cross-document contradictions
(:func:`find_contradictions`), exports incl. schema.org ClaimReview
(:mod:`.export`), analyst verdicts (:mod:`.reviews`) and the gold-set
evaluation (:mod:`.evaluate`). See docs/claims.md.
"""
from .analyzer import ClaimsAnalyzer, claim_id
from .contradictions import Contradiction, find_contradictions

__all__ = ["ClaimsAnalyzer", "Contradiction", "claim_id", "find_contradictions"]
