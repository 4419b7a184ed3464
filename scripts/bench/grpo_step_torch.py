#!/usr/bin/env python3
"""One GRPO step of Proxima's tiny transformer in PyTorch on CPU, for comparison with
`proxima bench grpo-add`.

The model is TinyTransformer with the preference spec's sizes (vocabulary 29, context 40,
width 32, 2 layers, 2 heads, MLP 4x), loaded from the SFT reference checkpoint the Java code
caches under runs/cache/. The step is Grpo.Learner.step with its defaults: 16 two-digit ADD
prompts x 8 responses sampled at temperature 1 with a key/value cache (padding never
generated, at most 4 new tokens, stop at EOS), exact-match rewards, group-standardised
advantages, the clipped surrogate averaged over response tokens, one Adam step (lr 3e-4) after
clipping the global gradient norm to 1.0.

Usage:
  /usr/bin/python3 scripts/bench/grpo_step_torch.py [--seed 1] [--steps 20] [--checkpoint FILE]
  /usr/bin/python3 scripts/bench/grpo_step_torch.py --check tokens.json [--checkpoint FILE]

The benchmark prints one JSON object; --check prints the logits at the last position of each
sequence in {"tokens": [[...], ...]} as JSON.
"""

import argparse
import array
import json
import math
import random
import struct
import sys
import time
from pathlib import Path

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCABULARY = "_$0123456789+-*/= :abcdefgh>#"
PAD, EOS = 0, 1
CONTEXT, WIDTH, LAYERS, HEADS, MLP_RATIO = 40, 32, 2, 2, 4
LAYER_NORM_EPS = 1e-5
MASKED = -1e9  # logit added to tokens a response may not contain (padding)

PROMPTS_PER_STEP, GROUP_SIZE, DIGITS = 16, 8, 2
MAX_NEW_TOKENS = DIGITS + 2
CLIP_EPS, LEARNING_RATE, MAX_GRAD_NORM, STD_EPS = 0.2, 3e-4, 1.0, 1e-6
WARMUP_STEPS = 5

ROOT = Path(__file__).resolve().parents[2]


def default_checkpoint(seed):
    # The Java cache names carry a fingerprint of the task's settings after the task name.
    pattern = f"sft-ADD-*-v{len(VOCABULARY)}-c{CONTEXT}-d{WIDTH}-l{LAYERS}-h{HEADS}-s1300-b32-lr0.003-seed{seed}.safetensors"
    found = sorted((ROOT / "runs" / "cache").glob(pattern))
    return found[0] if found else ROOT / "runs" / "cache" / pattern


# ---------------------------------------------------------------------------------------------
# safetensors: 8-byte little-endian header length, JSON header, raw little-endian data

def read_safetensors(path):
    raw = Path(path).read_bytes()
    (header_length,) = struct.unpack("<Q", raw[:8])
    header = json.loads(raw[8:8 + header_length].decode("utf-8"))
    data = raw[8 + header_length:]
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        if entry["dtype"] != "F32":
            raise ValueError(f"{path}: tensor '{name}' has dtype {entry['dtype']}, only F32 is read here")
        begin, end = entry["data_offsets"]
        values = array.array("f")
        values.frombytes(data[begin:end])
        if sys.byteorder == "big":
            values.byteswap()
        shape = entry["shape"]
        if len(values) != math.prod(shape):
            raise ValueError(f"{path}: tensor '{name}' holds {len(values)} values for shape {shape}")
        tensors[name] = torch.tensor(values, dtype=torch.float32).reshape(shape)
    return tensors


# ---------------------------------------------------------------------------------------------
# The model (parameter names as in the checkpoint: wte, wpe, h.L.*, ln_f, lm_head)

class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads, self.head_dim = heads, width // heads
        self.c_attn = nn.Linear(width, 3 * width)
        self.c_proj = nn.Linear(width, width)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.c_attn(x).view(b, t, 3, self.heads, self.head_dim).permute(2, 0, 3, 1, 4)
        scores = q @ k.transpose(-2, -1) * (1.0 / math.sqrt(self.head_dim))
        causal = torch.ones(t, t, dtype=torch.bool, device=x.device).triu(1)
        scores = scores.masked_fill(causal, float("-inf"))
        out = scores.softmax(dim=-1) @ v  # [b, heads, t, head_dim]
        return self.c_proj(out.transpose(1, 2).reshape(b, t, d))

    def step(self, x, position, keys, values):
        """One position per sequence: x [b, d]; keys/values [b, heads, context, head_dim] are filled in place."""
        b, d = x.shape
        q, k, v = self.c_attn(x).view(b, 3, self.heads, self.head_dim).unbind(1)
        keys[:, :, position] = k
        values[:, :, position] = v
        k_seen, v_seen = keys[:, :, :position + 1], values[:, :, :position + 1]
        scores = (k_seen @ q.unsqueeze(-1)).squeeze(-1) * (1.0 / math.sqrt(self.head_dim))  # [b, heads, s]
        out = (scores.softmax(dim=-1).unsqueeze(-2) @ v_seen).squeeze(-2)  # [b, heads, head_dim]
        return self.c_proj(out.reshape(b, d))


class Mlp(nn.Module):
    def __init__(self, width, ratio):
        super().__init__()
        self.c_fc = nn.Linear(width, ratio * width)
        self.c_proj = nn.Linear(ratio * width, width)

    def forward(self, x):
        return self.c_proj(F.gelu(self.c_fc(x), approximate="tanh"))


class Block(nn.Module):
    def __init__(self, width, heads, ratio):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width, eps=LAYER_NORM_EPS)
        self.attn = Attention(width, heads)
        self.ln_2 = nn.LayerNorm(width, eps=LAYER_NORM_EPS)
        self.mlp = Mlp(width, ratio)


class TinyTransformer(nn.Module):
    def __init__(self, vocab=len(VOCABULARY), context=CONTEXT, width=WIDTH, layers=LAYERS, heads=HEADS, ratio=MLP_RATIO):
        super().__init__()
        self.context, self.width, self.heads = context, width, heads
        self.wte = nn.Embedding(vocab, width)
        self.wpe = nn.Embedding(context, width)
        self.h = nn.ModuleList(Block(width, heads, ratio) for _ in range(layers))
        self.ln_f = nn.LayerNorm(width, eps=LAYER_NORM_EPS)
        self.lm_head = nn.Linear(width, vocab)

    def forward(self, tokens):
        """Teacher-forced logits [b, t, vocab] for tokens [b, t]."""
        t = tokens.shape[1]
        x = self.wte(tokens) + self.wpe(torch.arange(t, device=tokens.device))
        for block in self.h:
            x = x + block.attn(block.ln_1(x))
            x = x + block.mlp(block.ln_2(x))
        return self.lm_head(self.ln_f(x))

    def new_cache(self, batch):
        shape = (batch, self.heads, self.context, self.width // self.heads)
        return [(torch.zeros(shape), torch.zeros(shape)) for _ in self.h]

    def step(self, tokens, position, cache):
        """Next-token logits [b, vocab] after feeding tokens [b] at `position` (positions advance one at a time)."""
        x = self.wte(tokens) + self.wpe.weight[position]
        for block, (keys, values) in zip(self.h, cache):
            x = x + block.attn.step(block.ln_1(x), position, keys, values)
            x = x + block.mlp(block.ln_2(x))
        return self.lm_head(self.ln_f(x))


def load_model(path):
    model = TinyTransformer()
    model.load_state_dict(read_safetensors(path), strict=True)
    return model


# ---------------------------------------------------------------------------------------------
# Two-digit ADD: prompt "a+b=", answer the digits of a+b least significant first, then EOS

def encode(text):
    return [VOCABULARY.index(c) for c in text]


def is_held_out(prompt):
    """The held-out tenth of the prompts (64-bit FNV-1a of the text, folded), excluded from training."""
    mask = (1 << 64) - 1
    h = 0xcbf29ce484222325
    for c in prompt:
        h ^= ord(c)
        h = (h * 0x100000001b3) & mask
    h ^= h >> 29
    if h >= 1 << 63:
        h -= 1 << 64
    return h % 10 == 0


def train_problem(rng):
    bound = 10 ** DIGITS
    while True:
        a, b = rng.randrange(bound), rng.randrange(bound)
        prompt = f"{a}+{b}="
        if not is_held_out(prompt):
            return encode(prompt), encode(str(a + b)[::-1] + "$")


# ---------------------------------------------------------------------------------------------
# Generation and scoring

class Batch:
    """Prompt-plus-response sequences right-padded to a common length."""

    def __init__(self, tokens, prompt_length, response_length):
        self.tokens, self.prompt_length, self.response_length = tokens, prompt_length, response_length
        n, t = tokens.shape
        nxt = torch.arange(1, t + 1).unsqueeze(0)  # row t predicts token t + 1
        self.response_rows = (nxt >= prompt_length.unsqueeze(1)) & (nxt < (prompt_length + response_length).unsqueeze(1))
        self.targets = torch.cat([tokens[:, 1:], torch.full((n, 1), PAD, dtype=torch.long)], dim=1)

    def response(self, b):
        p = int(self.prompt_length[b])
        return self.tokens[b, p:p + int(self.response_length[b])].tolist()

    def response_tokens(self):
        return int(self.response_length.sum())

    def all_tokens(self):
        return int((self.prompt_length + self.response_length).sum())


@torch.no_grad()
def generate(model, prompts, max_new_tokens, generator):
    """Samples a response for every prompt, all sequences in lock step on one key/value cache."""
    n = len(prompts)
    time_ = max(len(p) for p in prompts) + max_new_tokens
    tokens = torch.full((n, time_), PAD, dtype=torch.long)
    prompt_length = torch.tensor([len(p) for p in prompts])
    for b, p in enumerate(prompts):
        tokens[b, :len(p)] = torch.tensor(p)
    response_length = torch.zeros(n, dtype=torch.long)
    finished = torch.zeros(n, dtype=torch.bool)
    sampling_log_probs = torch.zeros(n, time_)
    cache = model.new_cache(n)
    for t in range(time_ - 1):
        if bool(finished.all()):
            break
        logits = model.step(tokens[:, t], t, cache)
        rows = ((t + 1 >= prompt_length) & ~finished & (response_length < max_new_tokens)).nonzero().squeeze(1)
        if rows.numel() > 0:
            logits = logits[rows]
            logits[:, PAD] = MASKED
            log_probs = logits.log_softmax(dim=-1)
            drawn = torch.multinomial(log_probs.exp(), 1, generator=generator).squeeze(1)
            tokens[rows, t + 1] = drawn
            sampling_log_probs[rows, t + 1] = log_probs.gather(1, drawn.unsqueeze(1)).squeeze(1)
            response_length[rows] += 1
            finished[rows] |= drawn == EOS
        if bool((finished | (response_length == max_new_tokens)).all()):
            break
    return Batch(tokens, prompt_length, response_length)


def token_log_probs(model, batch):
    """log pi(token_{t+1} | tokens_<=t) per row [n, t]; padding masked at response rows only."""
    logits = model(batch.tokens)
    logits = logits + batch.response_rows.unsqueeze(-1) * pad_mask(logits.shape[-1])
    return logits.log_softmax(dim=-1).gather(2, batch.targets.unsqueeze(-1)).squeeze(-1)


_PAD_MASKS = {}


def pad_mask(vocab):
    if vocab not in _PAD_MASKS:
        m = torch.zeros(vocab)
        m[PAD] = MASKED
        _PAD_MASKS[vocab] = m
    return _PAD_MASKS[vocab]


def adam(model, learning_rate):
    return torch.optim.Adam(model.parameters(), lr=learning_rate, betas=(0.9, 0.999), eps=1e-8)


def optimiser_step(model, optimizer, loss):
    optimizer.zero_grad(set_to_none=False)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), MAX_GRAD_NORM)
    optimizer.step()


def standardized_advantages(rewards):
    out = []
    for g in range(0, len(rewards), GROUP_SIZE):
        group = rewards[g:g + GROUP_SIZE]
        mean = sum(group) / len(group)
        std = math.sqrt(sum((r - mean) ** 2 for r in group) / (len(group) - 1))
        out += [(r - mean) / (std + STD_EPS) for r in group]
    return out


class Grpo:
    """The GRPO learner: one step samples 16 groups of 8, scores them and takes one Adam step."""

    def __init__(self, policy, reference, seed):
        self.policy, self.reference = policy, reference
        self.rng = random.Random(seed)
        self.generator = torch.Generator().manual_seed(seed)
        self.optimizer = adam(policy, LEARNING_RATE)

    def step(self):
        problems = [train_problem(self.rng) for _ in range(PROMPTS_PER_STEP)]
        prompts = [p for p, _ in problems for _ in range(GROUP_SIZE)]
        answers = [a for _, a in problems for _ in range(GROUP_SIZE)]
        batch = generate(self.policy, prompts, MAX_NEW_TOKENS, self.generator)
        rewards = [1.0 if batch.response(i) == answers[i] else 0.0 for i in range(len(prompts))]
        advantages = torch.tensor(standardized_advantages(rewards), dtype=torch.float32).unsqueeze(1)
        with torch.no_grad():
            log_ref = token_log_probs(self.reference, batch)  # the reference's log-probabilities (KL metric)
        log_pi = token_log_probs(self.policy, batch)
        ratio = torch.exp(log_pi - log_pi.detach())
        per_token = -torch.min(ratio * advantages, ratio.clamp(1 - CLIP_EPS, 1 + CLIP_EPS) * advantages)
        mask = batch.response_rows.float()
        loss = (per_token * mask).sum() / mask.sum()
        optimiser_step(self.policy, self.optimizer, loss)
        kl = float(((log_pi.detach() - log_ref) * mask).sum()) / len(prompts)
        return sum(rewards) / len(rewards), float(loss), kl


# ---------------------------------------------------------------------------------------------

def benchmark(checkpoint, seed, repetitions):
    torch.set_num_threads(1)
    reference = load_model(checkpoint)
    for p in reference.parameters():
        p.requires_grad_(False)
    policy = load_model(checkpoint)
    grpo = Grpo(policy, reference, seed)
    for _ in range(WARMUP_STEPS):
        grpo.step()

    # Sampling alone: a fixed set of 16 x 8 prompts, generated `repetitions` times.
    rng = random.Random(seed + 1)
    generator = torch.Generator().manual_seed(seed + 1)
    prompts = [p for p, _ in (train_problem(rng) for _ in range(PROMPTS_PER_STEP)) for _ in range(GROUP_SIZE)]
    sampled, cpu0 = 0, time.process_time()
    batch = None
    for _ in range(repetitions):
        batch = generate(policy, prompts, MAX_NEW_TOKENS, generator)
        sampled += batch.response_tokens()
    sample_seconds = time.process_time() - cpu0

    # Training alone: forward, backward and Adam on the last sampled batch (mean response-token NLL).
    optimizer = adam(policy, 1e-6)
    mask = batch.response_rows.float()
    trained, cpu0 = 0, time.process_time()
    for _ in range(repetitions):
        loss = -(token_log_probs(policy, batch) * mask).sum() / mask.sum()
        optimiser_step(policy, optimizer, loss)
        trained += batch.all_tokens()
    train_seconds = time.process_time() - cpu0

    # Whole RL steps.
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for _ in range(repetitions):
        grpo.step()
    step_seconds = (time.process_time() - cpu0) / repetitions
    step_wall = (time.perf_counter() - wall0) / repetitions

    return {
        "scenario": "grpo-add",
        "prompts_per_step": PROMPTS_PER_STEP,
        "group_size": GROUP_SIZE,
        "parameters": sum(p.numel() for p in policy.parameters()),
        "sample_tokens_per_s": sampled / sample_seconds,
        "train_tokens_per_s": trained / train_seconds,
        "rl_step_s": step_seconds,
        "wall_rl_step_s": step_wall,
        "repetitions": repetitions,
        "torch_version": torch.__version__,
        "threads": torch.get_num_threads(),
    }


@torch.no_grad()
def check(checkpoint, tokens_file):
    """Last-position logits of each sequence, by the full forward pass; also compares the cached decoder."""
    model = load_model(checkpoint)
    sequences = json.loads(Path(tokens_file).read_text())["tokens"]
    logits, decoder_diff = [], 0.0
    for seq in sequences:
        if not 1 <= len(seq) <= CONTEXT or any(not 0 <= t < len(VOCABULARY) for t in seq):
            raise ValueError(f"sequences need 1..{CONTEXT} tokens in [0, {len(VOCABULARY)}), got {seq}")
        tokens = torch.tensor([seq])
        full = model(tokens)[0, -1]
        cache = model.new_cache(1)
        for t, token in enumerate(seq):
            stepped = model.step(tokens[:, t], t, cache)[0]
        decoder_diff = max(decoder_diff, float((full - stepped).abs().max()))
        logits.append([float(v) for v in full])
    return {"logits": logits, "decoder_max_abs_diff": decoder_diff}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1, help="seed of prompts and sampling (default: 1)")
    parser.add_argument("--steps", type=int, default=20, help="timed repetitions (default: 20)")
    parser.add_argument("--checkpoint", help="safetensors file (default: runs/cache/sft-ADD-...-seed<SEED>.safetensors)")
    parser.add_argument("--check", metavar="FILE", help='print last-position logits of the sequences in {"tokens": [[...]]}')
    args = parser.parse_args()
    checkpoint = Path(args.checkpoint) if args.checkpoint else default_checkpoint(0)
    if not checkpoint.is_file():
        sys.exit(f"no checkpoint at {checkpoint}; `./proxima bench grpo-add` trains and caches it")
    if args.check:
        print(json.dumps(check(checkpoint, args.check)))
    else:
        if args.steps < 1:
            sys.exit("--steps must be >= 1")
        print(json.dumps(benchmark(checkpoint, args.seed, args.steps)))


if __name__ == "__main__":
    main()
