"""Process supervision: the batch, its warm-kernel render workers and the processes they leave.

Above ``sat.report``, which draws and renders one brief; below the command line, which starts
a batch.
"""
