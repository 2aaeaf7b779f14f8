"""Modal screens: help, summary, relation picker, and the error screen."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Footer, OptionList, Static
from textual.widgets.option_list import Option

from diffy.comparison.browse import pair_heading, relation_counts, section_stats
from diffy.comparison.compare import RELATIONS, Comparison
from diffy.tui.styles import badge

CLOSE: list[BindingType] = [Binding("escape,q", "dismiss_none", "Close")]


class _Modal(ModalScreen[None]):
    BINDINGS = CLOSE

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class HelpScreen(_Modal):
    """Every key binding of the comparison screen, from its own binding list."""

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys_help = bindings

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_column(style="bold")
        table.add_column()
        for keys, what in self.keys_help:
            table.add_row(keys, what)
        with Vertical(id="help", classes="dialog"):
            yield Static(Text("Keys", style="bold"), classes="dialog-title")
            with VerticalScroll():
                yield Static(table)
            yield Static(Text("Every action is also in the command palette (ctrl+p). Esc closes.", style="dim"))


class SummaryScreen(ModalScreen[int | None]):
    """Pairs per relation, words inserted and deleted, and the same per section: a row per pair that
    `Enter` opens (returns the pair's index; None on escape)."""

    BINDINGS = [Binding("escape,q", "cancel", "Close")]

    def __init__(self, cmp: Comparison) -> None:
        super().__init__()
        self.cmp = cmp

    def compose(self) -> ComposeResult:
        s = self.cmp.summary()
        totals = Table(show_header=False, box=None, padding=(0, 1))
        totals.add_column()
        totals.add_column(justify="right")
        for rel, n in relation_counts(self.cmp.pairs).items():
            totals.add_row(badge(rel), str(n))
        totals.add_row(Text("words inserted", style="bold"), str(s["words_inserted"]))
        totals.add_row(Text("words deleted", style="bold"), str(s["words_deleted"]))
        per: DataTable = DataTable(cursor_type="row", zebra_stripes=True, id="summary-rows")
        per.add_columns("relation", "changes", "+words", "-words", "section")
        for k, p in enumerate(self.cmp.pairs):
            ins, dele = section_stats(p)
            per.add_row(badge(p.relation), str(len(p.changes)), str(ins), str(dele), Text(pair_heading(p)),
                        key=str(k))
        with Vertical(id="summary", classes="dialog"):
            yield Static(Text(f"Summary — {len(self.cmp.pairs)} section pairs (Enter opens one)", style="bold"),
                         classes="dialog-title")
            yield Static(totals)
            yield per

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(event.row_key.value or 0))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceScreen(ModalScreen[str | None]):
    """A titled list to choose from; returns the chosen option's id (None on escape)."""

    BINDINGS = [Binding("escape,q", "cancel", "Cancel")]

    def __init__(self, title: str, options: Sequence[Option], dialog_id: str) -> None:
        super().__init__()
        self.title_text, self.options, self.dialog_id = title, list(options), dialog_id

    def compose(self) -> ComposeResult:
        with Vertical(id=self.dialog_id, classes="dialog"):
            yield Static(Text(self.title_text, style="bold"), classes="dialog-title")
            yield OptionList(*self.options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class RelationPicker(ChoiceScreen):
    """Choose the relation the outline shows ("*": all)."""

    def __init__(self) -> None:
        options = [Option(Text("all relations"), id="*")]
        options += [Option(Text.assemble(badge(r)), id=r) for r in RELATIONS]
        super().__init__("Show only", options, "relations")


class ErrorScreen(Screen[None]):
    """A document could not be read: say which and why; `q` quits."""

    BINDINGS = [Binding("q,escape", "app.quit", "Quit")]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(id="error", classes="dialog"):
            yield Static(Text("diffy could not open the comparison", style="bold"), classes="dialog-title")
            yield Static(Text(self.message))
            yield Static(Text("Press q to quit.", style="dim"))
        yield Footer()


class RankedScreen(ModalScreen[tuple[int, str] | None]):
    """The most significant changes, highest first; enter goes to one (returns pair index and change id)."""

    BINDINGS = [Binding("escape,q", "cancel", "Close")]

    def __init__(self, cmp: Comparison, limit: int = 30) -> None:
        super().__init__()
        self.cmp, self.limit = cmp, limit

    def compose(self) -> ComposeResult:
        from diffy.comparison.significance import rank, targeted_first
        from diffy.comparison.tables import where

        options = []
        edits, whole = targeted_first(self.cmp, rank(self.cmp), self.limit)
        for r in [*edits, None, *whole]:
            if r is None:  # whole sections added or removed, apart from the targeted edits
                if whole:
                    options.append(Option(Text("Whole sections added or removed", style="bold underline"),
                                          id="whole", disabled=True))
                continue
            p = self.cmp.pairs[r.pair]
            t = Text(f"{r.significance.score:.2f} ", style="bold")
            t.append(pair_heading(p), style="dim")
            t.append("\n    ")
            cell = where(r.change)
            if cell:
                t.append(f"{cell}: ", style="bold")
            if r.change.old:  # − and + as well as colour: old and new told apart on any terminal
                t.append("− ", style="bold red")
                t.append(" ".join(r.change.old.split()[:14]), style="strike red")
                t.append("  ")
            if r.change.new:
                t.append("+ ", style="bold green")
                t.append(" ".join(r.change.new.split()[:14]), style="green")
            t.append("\n    " + "; ".join(r.significance.reasons[:3]), style="italic yellow")
            options.append(Option(t, id=f"{r.pair}:{r.change.id}"))
        with Vertical(id="ranked", classes="dialog"):
            yield Static(Text("Most significant changes", style="bold"), classes="dialog-title")
            yield OptionList(*options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        k, cid = (event.option.id or ":").split(":", 1)
        self.dismiss((int(k), cid) if k else None)

    def action_cancel(self) -> None:
        self.dismiss(None)
