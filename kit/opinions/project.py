"""The map of opinions: each person's reactions projected to two dimensions, as Polis does."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from sklearn.decomposition import PCA

from kit.opinions.matrix import VoteMatrix


def impute(matrix: VoteMatrix) -> NDArray[np.float64]:
    """Return the votes with each unknown replaced by its statement's mean reaction (0 when nobody reacted)."""
    votes = matrix.votes
    known = matrix.known
    counts = known.sum(axis=0)
    sums = np.where(known, votes, 0.0).sum(axis=0)
    means = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    return np.where(known, votes, means)


def project(matrix: VoteMatrix) -> NDArray[np.float64]:
    """Return each person's 2-D position: the first two principal components of the imputed votes.

    As Polis does, a person who reacted to few statements is pushed out from the centre by
    sqrt(statements / their reactions), since imputing pulls them towards the middle. Each axis
    is signed so that its largest loading is positive, so the map does not flip between runs.
    """
    people, statements = matrix.votes.shape
    if people == 0 or statements == 0:
        return np.zeros((people, 2))
    centred = impute(matrix)
    centred = centred - centred.mean(axis=0)
    points = centred @ _leading_axes(centred, 2)
    reacted = np.maximum(matrix.known.sum(axis=1), 1)
    return np.asarray(points * np.sqrt(statements / reacted)[:, None], dtype=np.float64)


def _leading_axes(centred: NDArray[np.float64], count: int) -> NDArray[np.float64]:
    """Return the ``count`` directions of largest variance of the rows as columns, each signed.

    scikit-learn's PCA finds them; an axis is signed so that its largest loading is positive (the
    map does not flip between runs); axes beyond what the data hold are zero.
    """
    axes = np.zeros((centred.shape[1], count))
    available = min(count, *centred.shape)
    components = PCA(n_components=available, svd_solver="full").fit(centred).components_
    for column, axis in enumerate(components):
        axes[:, column] = axis if axis[np.argmax(np.abs(axis))] >= 0 else -axis
    return axes
