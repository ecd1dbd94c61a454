"""Process work: running the brief notebook (``execute``, over a private kernel), rendering it to a
page (``render``, nbconvert) and a PDF (``pdf``, headless Chromium), and the batch with its
warm-kernel workers and the processes they leave.

Above ``sat.report``, which only presents (views, tables, charts, the brief's text); below the
command line, which starts a render or a batch.
"""
