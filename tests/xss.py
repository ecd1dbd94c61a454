"""A corpus of hostile strings, and a case that carries them in every text field."""

from __future__ import annotations

import itertools

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "<svg onload=alert(3)>",
    "<svg><script>alert(4)</script></svg>",
    "<body onload=alert(5)>",
    "<iframe src=javascript:alert(6)>",
    "<a href=javascript:alert(7)>x</a>",
    '<a href="data:text/html,<script>alert(8)</script>">x</a>',
    '"><script>alert(9)</script>',
    "'><img src=x onerror=alert(10)>",
    "<details open ontoggle=alert(11)>",
    "<math><mi xlink:href=javascript:alert(12)>x</mi></math>",
    "<style>@import 'javascript:alert(13)';</style>",
    '<div style="background:url(javascript:alert(14))">x</div>',
    "<input autofocus onfocus=alert(15)>",
    "<video><source onerror=alert(16)></video>",
    "<object data=javascript:alert(17)></object>",
    "<embed src=javascript:alert(18)>",
    "<link rel=import href=data:text/html,<script>alert(19)</script>>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(20)'>",
    "<base href=javascript:alert(21)//>",
    "<form action=javascript:alert(22)><button>x</button></form>",
    "<marquee onstart=alert(23)>x</marquee>",
    "<scr<script>ipt>alert(24)</scr</script>ipt>",
    "<!--<script>alert(25)</script>-->",
    "<![CDATA[<script>alert(26)</script>]]>",
    "</textarea><script>alert(27)</script>",
    "</title><script>alert(28)</script>",
    "{{ 7*7 }}<script>alert(29)</script>",
    "$\\alert(30)$ <b onmouseover=alert(30)>x</b>",
    "javascript:alert(31)",
    "<template><script>alert(32)</script></template>",
]


def stored_text() -> str:
    """The hostile case's stored source text: every payload, one per line."""
    return "\n".join(PAYLOADS) + "\n"


def hostile_case() -> dict:
    """Plain case data with a payload in every free-text field."""
    p = itertools.cycle(PAYLOADS)
    data = {
        "id": "xss",
        "title": next(p),
        "question": next(p),
        "date": "2026-01-01",
        "analysts": [next(p), "B"],
        "summary": next(p),
        "sources": [
            {
                "id": "S1",
                "title": next(p),
                "publisher": next(p),
                "reliability": "C",
                "reliability_reason": next(p),
                "url": "https://example.org/" + "%3Cscript%3E",
                "file": "s1.txt",  # holds every payload (see stored_text), so the quote is found
            }
        ],
        "hypotheses": [
            {"id": "H1", "label": next(p), "statement": next(p)},
            {"id": "H2", "label": next(p), "statement": next(p)},
        ],
        "evidence": [
            {
                "id": "E1",
                "summary": next(p),
                "notes": next(p),
                "quote": [next(p)],
                "sources": ["S1"],
                "ratings": {"H1": "C", "H2": "I"},
            },
            {
                "id": "E2",
                "summary": next(p),
                "type": "assumption",
                "ratings": {"H1": "N", "H2": "II"},
            },
        ],
        "assumptions": [
            {"id": "A1", "statement": next(p), "rating": "caveats", "rationale": next(p)}
        ],
        "indicators": [{"id": "I1", "hypothesis": "H2", "description": next(p)}],
        "information_gaps": [next(p)],
        "implications": {"summary": next(p), "political": next(p)},
        "recommendations": {"immediate": [next(p)], "medium_term": [next(p)]},
        "tags": [next(p)[:400]],
        "checklist": {"change_mind": next(p)},
        "deception": [
            {"subject": next(p)[:400], "answers": {"mom.motive": {"rating": "H", "note": next(p)}}}
        ],
        "events": [{"id": "X1", "description": next(p), "probability": 0.5}],
        "scenarios": [
            {
                "id": "SC1",
                "name": next(p)[:400],
                "description": next(p),
                "events": ["X1"],
                "timeline": [{"when": next(p)[:400], "what": next(p)}],
            }
        ],
        "actors": [
            {"id": "P1", "name": next(p)[:400], "role": next(p)},
            {"id": "P2", "name": "Two"},
        ],
        "relations": [{"source": "P1", "target": "P2", "type": "opposes", "evidence": ["E1"]}],
    }
    data["estimates"] = {data["analysts"][0]: {"H1": 0.7, "H2": 0.5}}  # a hostile analyst's name
    data["hypotheses"][0]["resolution"] = {"criterion": next(p), "deadline": "2026-12-31"}
    data["quantities"] = [
        {"id": "Q1", "label": next(p)[:400], "question": next(p), "unit": next(p)[:400],
         "realization": {"value": 12, "source": "S1", "note": next(p)[:400]}},
        {"id": "Q2", "question": next(p), "discussion": next(p),
         "resolution": {"criterion": next(p), "deadline": "2026-12-31"}},
    ]  # fmt: skip
    data["quantity_estimates"] = {
        data["analysts"][0]: [{"quantity": "Q1", "values": [5, 10, 20]},
                              {"quantity": "Q2", "values": [1, 2, 3]}],
        "B": [{"quantity": "Q1", "lowest": 8, "best": 11, "highest": 15, "confidence": 0.8},
              {"quantity": "Q2", "values": [2, 4, 8]}],
    }  # fmt: skip
    return data


def hostile_outcomes(folder):
    """Batch outcomes whose every field shown on the index page carries a payload."""
    from pathlib import Path

    from sat.run.batch import Job, Outcome

    folder = Path(folder)
    outcomes = []
    for k, payload in enumerate(PAYLOADS):
        job = Job(f"cases/{payload}.yaml", folder / f"case-{k}", {"min_credibility": payload})
        job.out_dir.mkdir(parents=True, exist_ok=True)
        brief = job.out_dir / "brief.html"
        brief.write_text("<p>brief</p>", encoding="utf-8")
        summary = {
            "title": payload,
            "case_id": payload,
            "date": payload,
            "leader": [payload],
            "leader_labels": [payload],
            "likelihood": payload,
            "confidence": payload,
            "margin": payload,
            "tied": False,
        }
        outcomes.append(Outcome(job, "ok", 1.0, html=str(brief), summary=summary))
        outcomes.append(Outcome(job, "failed", 1.0, message=payload))
        outcomes.append(Outcome(job, "invalid", 1.0, problems=(payload, f"line 3: {payload}")))
    return outcomes
