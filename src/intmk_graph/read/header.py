"""The header zone of an item, between its title and its text: sponsors (over several
lines), publication, vote and decision lines, in any order, and the "Beschluss:" line
that ends it (the text may begin on that line)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Decision, VocabRef, Votes
from .diagnostics import Notes
from .lands import LandNames
from .layout import BLANK, CONTENT, Line, NumberedLine, join_lines
from .profiles import Profile


@dataclass(frozen=True)
class Header:
    """What the header zone says, where the body begins (``body``: the index of its
    first line; ``opening``: the text after "Beschluss:" on its own line, which comes
    first), and the header's last line."""

    sponsors: tuple[VocabRef, ...]
    decision: Decision | None
    votes: Votes | None
    body: int
    last_line: int
    opening: Line | None = None


class HeaderReader:
    """Reads header zones with one profile's forms."""

    MARKERS = ("sponsors", "decision", "vote_result", "resolution_text", "publication")

    def __init__(self, rules: Profile, notes: Notes, names: LandNames):
        self.rules = rules
        self.notes = notes
        self.names = names
        self.vote_line: int | None = None  # the line the last counts were read from
        self.unanimous = rules.word_set("unanimous")
        self.majority = rules.word_set("majority")

    def is_marker(self, text: str) -> bool:
        """Whether a line is one of the header zone's (the first one begins it)."""
        return any(self.rules.match(form, text) for form in self.MARKERS)

    def read(self, item: str, lines: list[Line], start: int) -> Header:
        """The zone from ``lines[start]`` (a marker line) on; ``item``: the TOP's id."""
        sponsors: tuple[VocabRef, ...] = ()
        decision: Decision | None = None
        votes: Votes | None = None
        i = start
        last = lines[start]
        while i < len(lines):
            line = lines[i]
            if line.kind == BLANK:
                i += 1
                continue
            if m := self.rules.match("sponsors", line.text):
                group = [NumberedLine(line.number, m["rest"], None)]
                self.notes.role(line.number, "sponsors")
                i += 1
                while i < len(lines) and lines[i].kind == CONTENT and not self.is_marker(lines[i].text):
                    if not self.names.continues(group[-1].text, lines[i].text):
                        break
                    group.append(NumberedLine(lines[i].number, lines[i].text, None))
                    self.notes.role(lines[i].number, "sponsors")
                    i += 1
                sponsors = self.names.read(join_lines(group, self.rules), "in 'Antragsteller'")
                last = line
                continue
            if m := self.rules.match("decision", line.text):
                decision, found_votes = self.decision_of(m["how"], item, line)
                votes = found_votes or votes
            elif m := self.rules.match("vote_result", line.text):
                if table := self._vote_table(lines, i + 1):
                    i, votes = table
                    decision = self.counted(votes)
                else:
                    decision, votes = self.decision_of(m["rest"], item, line, fallback=decision)
            elif m := self.rules.match("resolution_text", line.text):
                if m["rest"]:  # text begins on the "Beschluss:" line itself
                    self.notes.role(line.number, "decision")
                    return Header(sponsors, decision, votes, i + 1, line.number, Line(line.number, m["rest"], CONTENT))
            elif not self.rules.match("publication", line.text):
                break  # the resolution text begins
            self.notes.role(line.number, "decision")
            last = line
            i += 1
        return Header(sponsors, decision, votes, i, last.number)

    def _vote_table(self, lines: list[Line], start: int) -> tuple[int, Votes] | None:
        """A vote given as a table below its line: a header row "Ja Nein Enthaltung" and
        a row of counts. The index of the counts' line, and the votes."""
        rows = [(i, l) for i, l in enumerate(lines[start : start + 6], start=start) if l.kind == CONTENT][:2]
        if len(rows) < 2 or not self.rules.match("vote_table_header", rows[0][1].text):
            return None
        if not (counts := self.rules.match("vote_table_row", rows[1][1].text)):
            return None
        for _, row in rows:
            self.notes.role(row.number, "decision")
        self.vote_line = rows[1][1].number
        return rows[1][0], Votes(int(counts["yes"]), int(counts["no"]), int(counts["abstain"]))

    @staticmethod
    def counted(votes: Votes) -> Decision:
        return Decision.UNANIMOUS if votes.no == 0 and votes.abstain == 0 else Decision.MAJORITY

    def trailing_vote(self, item: str, body: list[Line], decision: Decision | None,
                      votes: Votes | None) -> tuple[list[Line], Decision | None, Votes | None]:
        """Some minutes give the vote after the text (``Abstimmungsergebnis: 15:1:0``
        below the resolution): read it, and keep it out of the text."""
        kept: list[Line] = []
        skip_to = -1
        for i, line in enumerate(body):
            if i <= skip_to:
                continue
            if (m := self.rules.match("vote_result", line.text)) is None:
                kept.append(line)
                continue
            if table := self._vote_table(body, i + 1):
                skip_to, votes = table
                decision = self.counted(votes)
            else:
                decision, found = self.decision_of(m["rest"], item, line, fallback=decision)
                votes = found or votes
            self.notes.role(line.number, "decision")
        return kept, decision, votes

    def decision_of(self, how: str, item: str, line: Line,
                    fallback: Decision | None = None) -> tuple[Decision | None, Votes | None]:
        """The decision and vote counts in a decision or vote line; unknown words are a
        warning and the decision stays open."""
        votes = None
        for pattern in self.rules.forms["counts"]:
            if c := pattern.search(how):
                votes = Votes(int(c["yes"]), int(c["no"]), int(c["abstain"]))
                self.vote_line = line.number
                break
        words = [w.strip("(),;:.").casefold() for w in how.split()]
        if any(w in self.unanimous for w in words):
            return Decision.UNANIMOUS, votes
        if any(w in self.majority for w in words):
            return Decision.MAJORITY, votes
        if votes is not None:
            return self.counted(votes), votes
        if fallback is None:
            self.notes.warn(line.number, f"TOP {item}: unknown decision {how.strip()!r}",
                            "'einstimmig', 'mehrheitlich' or counts like 13:1:2")
        return fallback, votes
