#!/usr/bin/python3
"""Train the convolutional voice-command net with PyTorch (Debian's python3-torch, CPU).

Why PyTorch here: tfjs in Node trains on its wasm backend, which has no Conv2D gradient kernels,
and tfjs-node (the native trainer) downloads libtensorflow from outside the npm registry at
install. The net trained here is exported as plain weights; scripts/voice/conv-export.ts rebuilds
the same net in tfjs layers, checks that it computes the same probabilities, and saves the model
the app and the eval load. This script is called by `npm run train -- voice --single --conv`
(train-conv.ts); it reads the windows build-data.ts wrote (the same cache the dense trainer reads).

Input:  --windows BIN (float32 [n, 81, 40]) --meta JSON ({y, split}) --out DIR
Output: DIR/conv-weights.json + DIR/conv-weights.bin (BatchNorm folded into the convolutions),
        DIR/conv-check.json (inputs and torch probabilities for the export's parity check),
        DIR/conv-train.json (per-epoch log, chosen epoch, validation thresholds).
"""
import argparse
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'lib'))
import torch_export  # noqa: E402  (scripts/lib/torch_export.py: prediction and the export, shared with the gesture trainer)

LABELS = ['hello', 'follow_me', 'stop', 'come_here', 'go_away', 'yes', 'no', 'next', 'tell_me_more', 'help', 'unknown', 'silence']
N = len(LABELS)
UNKNOWN = LABELS.index('unknown')
SILENCE = LABELS.index('silence')
IS_COMMAND = np.array([l not in ('unknown', 'silence') for l in LABELS])
GRID = [0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]


def cepstral_smoothing(n, keep):
    """[n, n] matrix M (x @ M on a frame row) keeping the first `keep` orthonormal DCT-II coefficients (train.ts's)."""
    m = np.arange(n)
    c = np.stack([np.sqrt((1 if k == 0 else 2) / n) * np.cos(np.pi * k * (m + 0.5) / n) for k in range(n)])
    return (c[:keep].T @ c[:keep]).astype(np.float32)


class ConvNet(nn.Module):
    """Four 3x3 conv blocks (BN, ReLU; 2x2 max-pool after the first three) over 81 frames x 40 mels,
    then mean and max over time of the 10 x 5 map, Dense 64, softmax 12."""

    def __init__(self, channels, lifter, n_mels=40):
        super().__init__()
        self.lifter = lifter
        if lifter:
            self.register_buffer('smooth', torch.from_numpy(cepstral_smoothing(n_mels, lifter)))
        convs, bns = [], []
        cin = 1
        for c in channels:
            convs.append(nn.Conv2d(cin, c, 3, padding=1, bias=False))
            bns.append(nn.BatchNorm2d(c))
            cin = c
        self.convs = nn.ModuleList(convs)
        self.bns = nn.ModuleList(bns)
        self.drop = nn.Dropout(0.3)
        self.fc = nn.Linear(2 * cin * 5, 64)
        self.out = nn.Linear(64, N)

    def forward(self, x):  # x [B, 81, 40]
        if self.lifter:
            x = x @ self.smooth
        x = x.unsqueeze(1)
        for i, (conv, bn) in enumerate(zip(self.convs, self.bns)):
            x = F.relu(bn(conv(x)))
            if i < 3:
                x = F.max_pool2d(x, 2)
        # x [B, C, 10, 5]: pool over time only, keep the 5 mel bands; tfjs flattens [1, 5, C] channels-last.
        a = x.mean(dim=2).permute(0, 2, 1).reshape(x.shape[0], -1)
        m = x.amax(dim=2).permute(0, 2, 1).reshape(x.shape[0], -1)
        h = torch.cat([a, m], dim=1)
        h = F.relu(self.fc(self.drop(h)))
        return self.out(h)


def decide(p, th):
    best = p.argmax(axis=1)
    top = p[np.arange(len(p)), best]
    d = np.where((best == SILENCE), SILENCE, np.where(IS_COMMAND[best] & (top >= th), best, UNKNOWN))
    return d


def best_threshold(p, y):
    rows = []
    neg = ~IS_COMMAND[y]
    for th in GRID:
        d = decide(p, th)
        acc = float((d == y).mean())
        ft = float((IS_COMMAND[d] & neg).sum() / max(1, neg.sum()))
        rows.append({'th': th, 'accuracy': acc, 'falseTriggers': ft})
    ok = [r for r in rows if r['falseTriggers'] <= 0.03]
    chosen = max(ok, key=lambda r: r['accuracy']) if ok else min(rows, key=lambda r: r['falseTriggers'])
    return rows, chosen


def augment(xb, gen, max_shift):
    """train.ts's augmentWindow, batched: with p 0.8 a time shift of +-max_shift frames (edge
    frames repeated), 0-2 time masks (1-8 frames) and 0-2 mel masks (1-6 mels) set to 0."""
    B, T, M = xb.shape
    do = torch.rand(B, generator=gen) < 0.8
    shift = torch.randint(-max_shift, max_shift + 1, (B,), generator=gen) * do
    idx = (torch.arange(T).unsqueeze(0) - shift.unsqueeze(1)).clamp(0, T - 1)
    xb = torch.gather(xb, 1, idx.unsqueeze(2).expand(B, T, M))
    t = torch.arange(T).unsqueeze(0)
    m = torch.arange(M).unsqueeze(0)
    keep = torch.ones(B, T, M, dtype=torch.bool)
    for _ in range(2):
        on = do & (torch.rand(B, generator=gen) < 0.5)
        w = torch.randint(1, 9, (B,), generator=gen)
        at = (torch.rand(B, generator=gen) * (T - w + 1)).long()
        mt = (t >= at.unsqueeze(1)) & (t < (at + w).unsqueeze(1)) & on.unsqueeze(1)
        keep &= ~mt.unsqueeze(2)
        on = do & (torch.rand(B, generator=gen) < 0.5)
        w = torch.randint(1, 7, (B,), generator=gen)
        at = (torch.rand(B, generator=gen) * (M - w + 1)).long()
        mm = (m >= at.unsqueeze(1)) & (m < (at + w).unsqueeze(1)) & on.unsqueeze(1)
        keep &= ~mm.unsqueeze(1)
    return xb * keep


def warp(xb, gen, p=0.7, onset=7):
    """train.ts's warpWindow (`--warp-aug`), batched: with p 0.7 a tempo stretch of 0.8-1.25 about
    the onset frame (pitch kept) and a vocal-tract-length warp of the mel axis by 0.9-1.1, by
    linear interpolation of the normalised window."""
    B, T, M = xb.shape
    do = torch.rand(B, generator=gen) < p
    ts = torch.where(do, torch.empty(B).uniform_(0.8, 1.25, generator=gen), torch.ones(B))
    ms = torch.where(do, torch.empty(B).uniform_(0.9, 1.1, generator=gen), torch.ones(B))
    st = (onset + (torch.arange(T).unsqueeze(0) - onset) * ts.unsqueeze(1)).clamp(0, T - 1)
    t0 = st.floor().long()
    t1 = (t0 + 1).clamp(max=T - 1)
    a = (st - t0).unsqueeze(2)
    g = lambda idx: torch.gather(xb, 1, idx.unsqueeze(2).expand(B, T, M))
    xt = g(t0) * (1 - a) + g(t1) * a
    sm = (torch.arange(M).unsqueeze(0) * ms.unsqueeze(1)).clamp(0, M - 1)
    m0 = sm.floor().long()
    m1 = (m0 + 1).clamp(max=M - 1)
    b = (sm - m0).unsqueeze(1)
    h = lambda idx: torch.gather(xt, 2, idx.unsqueeze(1).expand(B, T, M))
    return h(m0) * (1 - b) + h(m1) * b


def predict(model, x):
    return torch_export.predict(model, x, 512)


def write_export(model, out, check_x):
    """conv-weights.{json,bin} (tfjs layout, BatchNorm folded) and conv-check.json (inputs, PyTorch probabilities)."""
    torch_export.write_export(model, out, check_x, {'channels': [c.out_channels for c in model.convs], 'lifter': model.lifter}, 512)


def export_random(a):
    channels = [int(c) for c in a.channels.split(',')]
    model = ConvNet(channels, a.lifter)
    torch_export.randomize_batchnorm(model.bns)
    with torch.no_grad():
        # Sharp outputs, so that a layout slip shows as a large probability difference.
        model.out.weight.mul_(80)
    x = torch.randn(a.export_random, 81, 40)
    write_export(model, a.out, x)
    print(f'train conv: wrote a random net ({channels}, lifter {a.lifter}) and {a.export_random} check windows to {a.out}')


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--windows')
    ap.add_argument('--meta')
    ap.add_argument('--out', required=True)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--epochs', type=int, default=28)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=2e-3)
    ap.add_argument('--shift', type=int, default=3)
    ap.add_argument('--lifter', type=int, default=0)
    ap.add_argument('--warp', type=int, default=0, help='1: tempo and vocal-tract warp of the windows in training (--warp-aug)')
    ap.add_argument('--channels', default='24,48,64,96')
    ap.add_argument('--threads', type=int, default=int(os.environ.get('VOICE_TORCH_THREADS', max(1, min(2, os.cpu_count() or 1)))))
    ap.add_argument('--export-random', type=int, default=0, metavar='K',
                    help='no training: export a randomly initialised net (random BatchNorm statistics too) with K random check windows (the export test fixture)')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if a.export_random:
        export_random(a)
        return
    if not a.windows or not a.meta:
        sys.exit('train_conv: --windows BIN and --meta JSON are needed (the windows build-data.ts cached)')
    gen = torch.Generator().manual_seed(a.seed)
    meta = json.load(open(a.meta))
    y = np.array(meta['y'], dtype=np.int64)
    split = np.array(meta['split'], dtype=np.int64)
    x = np.fromfile(a.windows, dtype=np.float32)
    n = len(y)
    if x.size != n * 81 * 40:
        sys.exit(f'train_conv: {a.windows} holds {x.size} floats, expected {n} windows x 81 x 40')
    x = torch.from_numpy(x.reshape(n, 81, 40))
    tr = np.nonzero(split == 0)[0]
    va = np.nonzero(split == 1)[0]
    channels = [int(c) for c in a.channels.split(',')]
    if len(channels) != 4:
        sys.exit('train_conv: --channels needs four widths')
    model = ConvNet(channels, a.lifter)
    params = sum(p.numel() for p in model.parameters())
    print(f'train conv: {len(tr)} training windows, {len(va)} validation windows, {params} parameters, {a.threads} threads', flush=True)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    smooth = 0.05
    ytr = torch.from_numpy(y)
    best = {'epoch': -1, 'accuracy': -1.0}
    best_state = None
    avg_from = max(0, a.epochs - max(3, round(a.epochs / 4)))
    avg_state, avg_count = None, 0
    log = []
    t0 = time.time()
    for epoch in range(a.epochs):
        for g in opt.param_groups:
            g['lr'] = a.lr * (0.05 + 0.95 * 0.5 * (1 + math.cos(math.pi * epoch / a.epochs)))
        model.train()
        perm = torch.from_numpy(tr)[torch.randperm(len(tr), generator=gen)]
        loss_sum, batches = 0.0, 0
        for s in range(0, len(perm) - a.batch + 1, a.batch):
            j = perm[s:s + a.batch]
            xb = x[j]
            if a.warp:
                xb = warp(xb, gen)
            xb = augment(xb, gen, a.shift)
            target = torch.full((a.batch, N), smooth / N)
            target[torch.arange(a.batch), ytr[j]] += 1 - smooth
            logits = model(xb)
            loss = -(target * F.log_softmax(logits, dim=1)).sum(dim=1).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item()
            batches += 1
        p = predict(model, x[va])
        _, chosen = best_threshold(p, y[va])
        better = chosen['falseTriggers'] <= 0.03 and chosen['accuracy'] > best['accuracy']
        print(f"epoch {epoch + 1:2d}/{a.epochs} loss={loss_sum / batches:.4f} val_accuracy={chosen['accuracy']:.4f} val_false_triggers={chosen['falseTriggers']:.4f} (threshold {chosen['th']}){' *' if better else ''} ({time.time() - t0:.0f} s)", flush=True)
        log.append({'epoch': epoch + 1, 'loss': loss_sum / batches, **chosen})
        if better:
            best = {'epoch': epoch + 1, **chosen}
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        if epoch >= avg_from:
            sd = model.state_dict()
            if avg_state is None:
                avg_state = {k: v.clone().float() for k, v in sd.items()}
            else:
                for k, v in sd.items():
                    if v.dtype.is_floating_point:
                        avg_state[k].mul_(avg_count / (avg_count + 1)).add_(v, alpha=1 / (avg_count + 1))
            avg_count += 1
    # Averaged weights against the best single epoch, on validation (BatchNorm statistics averaged too).
    avg_sd = {k: (v if v.dtype.is_floating_point else model.state_dict()[k]) for k, v in avg_state.items()}
    model.load_state_dict(avg_sd)
    pa = predict(model, x[va])
    _, ca = best_threshold(pa, y[va])
    used_avg = ca['falseTriggers'] <= 0.03 and ca['accuracy'] >= best['accuracy']
    print(f"averaged epochs {avg_from + 1}-{a.epochs}: val_accuracy={ca['accuracy']:.4f} val_false_triggers={ca['falseTriggers']:.4f} (threshold {ca['th']}){' <- used' if used_avg else ''}", flush=True)
    if not used_avg:
        model.load_state_dict(best_state if best_state is not None else avg_sd)
    model.eval()
    p = predict(model, x[va])
    rows, chosen = best_threshold(p, y[va])
    check = va[:: max(1, len(va) // 32)][:32]
    write_export(model, a.out, x[check])
    json.dump({'seed': a.seed, 'epochs': a.epochs, 'batch': a.batch, 'lr': a.lr, 'shift': a.shift, 'lifter': a.lifter, 'warp': a.warp, 'channels': channels, 'params': params,
               'trainWindows': int(len(tr)), 'valWindows': int(len(va)), 'log': log, 'best': best, 'averaged': {'from': avg_from + 1, **ca, 'used': used_avg},
               'rows': rows, 'chosen': chosen, 'trainSec': time.time() - t0, 'torch': torch.__version__},
              open(os.path.join(a.out, 'conv-train.json'), 'w'), indent=1)
    print(f"train conv: wrote {a.out}/conv-weights.* ({params} parameters) in {time.time() - t0:.0f} s", flush=True)


if __name__ == '__main__':
    main()
