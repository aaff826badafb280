"""Module 3's explorer makes the other workflow's draws while the kernel waits for the learner, so the first
switch of 'Compared with' answers at once (it cost 130 ms of CPU: 100,000 model runs); what it then shows is
what the draws say."""

import asyncio
import html
from concurrent.futures import ThreadPoolExecutor

from filmkit.i18n import percent
from filmkit.views import tenx_explorer


def test_the_other_workflow_is_drawn_while_the_kernel_is_idle(monkeypatch):
    made = []
    real = tenx_explorer.monte_carlo
    monkeypatch.setattr(tenx_explorer, "monte_carlo", lambda n, seed, other: made.append(other) or real(n, seed, other=other))

    async def a_cell_then_idle():
        explorer = tenx_explorer.TenXExplorer(n=3000, seed=5)  # the cell that shows the widget
        assert made == ["ai_assisted"], "the cell itself makes only the draws it shows"
        for _ in range(3):
            await asyncio.sleep(0)  # the kernel waits for the learner
        return explorer

    # a thread of its own, with an event loop of its own: the kernel's, not whatever the test runner left running
    with ThreadPoolExecutor(1) as pool:
        explorer = pool.submit(asyncio.run, a_cell_then_idle()).result()
    assert sorted(made) == ["ai_assisted", "hybrid"]
    explorer.other.value = "hybrid"  # the learner's first switch: nothing left to compute
    assert made.count("hybrid") == 1
    x = real(3000, 5, other="hybrid")[explorer.metric.value].to_numpy()
    share = percent(float((x >= explorer.target.value).mean()), 2)
    assert f"{share} reach" in html.unescape(explorer.text.value)


def test_without_a_kernel_waiting_nothing_is_made_ahead(monkeypatch):
    made = []
    real = tenx_explorer.monte_carlo
    monkeypatch.setattr(tenx_explorer, "monte_carlo", lambda n, seed, other: made.append(other) or real(n, seed, other=other))
    explorer = tenx_explorer.TenXExplorer(n=2000, seed=5)
    assert made == ["ai_assisted"]
    explorer.other.value = "hybrid"
    assert made == ["ai_assisted", "hybrid"]
