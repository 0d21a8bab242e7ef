"""Chromium names tagged-PDF structure elements after a counter that now and then starts one
higher on a print of the same page (seen in CI: node00000036 against node00000037 at the same
place); the names are renumbered so that two prints give the same bytes."""

from __future__ import annotations

from builder.memo.pdf import stable_node_names


def _printed(first: int) -> bytes:
    """A structure tree as Chromium writes it, its names counted from ``first``."""
    ids = [first, first + 1, first + 2, first + 315]
    names = b" ".join(b"(node%08d) %d 0 R" % (n, 60 + i) for i, n in enumerate(ids))
    return (b"<</Type /StructElem /ID (node%08d)>> <</Headers [(node%08d)]>> "
            b"<</IDTree <</Names [%s]>>>>" % (ids[1], ids[3], names))


def test_prints_counted_from_different_nodes_come_out_alike() -> None:
    one, other = _printed(36), _printed(37)
    assert one != other and len(one) == len(other)
    assert stable_node_names(one) == stable_node_names(other)
    renamed = stable_node_names(one)
    assert len(renamed) == len(one)  # no object moves: the cross-references stay right
    assert b"(node00000002)" in renamed and b"(node00000004) 63 0 R" in renamed
    assert b"node00000036" not in renamed


def test_a_pdf_without_structure_names_is_left_as_it_is() -> None:
    pdf = b"%PDF-1.4\n1 0 obj\n<</Title (node 12) /ID (nodeX)>>\nendobj\n"
    assert stable_node_names(pdf) == pdf
