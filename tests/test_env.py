"""kitchen.env: the PettingZoo and Gymnasium APIs (their own checkers), the documented
example, seeding, rewards and the off-screen picture."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("pettingzoo")
pytest.importorskip("gymnasium")

from gymnasium.utils.env_checker import check_env
from pettingzoo.test import parallel_api_test

from kitchen.env import KitchenEnv, KitchenGymEnv

ROOT = Path(__file__).resolve().parents[1]
CRAMPED = ROOT / "bench" / "levels" / "cramped_room.yaml"


def test_parallel_env_passes_pettingzoos_api_test():
    env = KitchenEnv(CRAMPED, max_steps=60)
    parallel_api_test(env, num_cycles=60)


def test_gym_env_passes_gymnasiums_check_env():
    env = KitchenGymEnv(CRAMPED, teammates="random", max_steps=40)
    check_env(env, skip_render_check=True)


def test_the_documented_example_runs_an_episode(capsys):
    text = (ROOT / "docs" / "research.md").read_text(encoding="utf-8")
    example = re.search(r"## An episode.*?```python\n(.*?)```", text, re.S).group(1)
    assert len(example.strip().splitlines()) <= 20
    exec(compile(example.replace('"tutorial"', repr(str(CRAMPED))), "research.md", "exec"), {})
    out = capsys.readouterr().out
    assert "['chef_1', 'chef_2']" in out
    assert "picture (256, 320, 3)" in out
    assert "score " in out
    assert "reward " in out


def test_a_seeded_reset_gives_the_same_episode():
    def episode(seed):
        env = KitchenEnv(CRAMPED, max_steps=30)
        obs, _ = env.reset(seed=seed)
        rng = np.random.default_rng(0)
        frames = [obs["chef_1"]["vector"].copy()]
        while env.agents:
            obs, *_ = env.step({a: int(rng.integers(10)) for a in env.agents})
            if env.agents:
                frames.append(obs["chef_1"]["vector"].copy())
        return np.stack(frames), env.round.tick

    a, ticks = episode(3)
    b, _ = episode(3)
    assert np.array_equal(a, b)
    assert ticks == 1 + 30 * 15  # tick 0, then 30 decision steps of 15 ticks


def test_one_step_moves_a_chef_about_one_tile():
    env = KitchenEnv(CRAMPED)
    env.reset(seed=0)
    chef = env.round.chefs[1]
    start = chef.cell
    env.step({"chef_1": env.action_names.index("right"), "chef_2": 0})
    assert chef.cell == (start[0] + 1, start[1])
    assert env.ticks_per_step == 15


def test_rewards_follow_the_score_and_shaping_credits_the_chef():
    env = KitchenEnv(CRAMPED, shaping={"item_spawned": 1.0})
    env.reset(seed=0)
    names = env.action_names
    # chef 1 starts at (1, 2) facing down; the onion crate is at (0, 1): go up, face left
    env.step({"chef_1": names.index("up"), "chef_2": 0})
    env.step({"chef_1": names.index("left"), "chef_2": 0})
    _, rewards, *_ = env.step({"chef_1": names.index("interact"), "chef_2": 0})
    assert env.round.chefs[1].held is not None
    assert rewards == {"chef_1": 1.0, "chef_2": 0.0}


def test_ticket_reading_follows_the_role():
    env = KitchenEnv("silos")
    obs, _ = env.reset(seed=0)
    for _ in range(40):  # orders arrive
        obs, *_ = env.step({})
    readers = [a for a, p in env.agent_player.items() if env.round.can_read_tickets(p)]
    blind = [a for a, p in env.agent_player.items() if not env.round.can_read_tickets(p)]
    assert readers
    assert blind
    assert obs[readers[0]]["vector"].any()
    order_slots = obs[blind[0]]["vector"]
    assert not np.array_equal(order_slots, obs[readers[0]]["vector"])


def test_render_draws_the_kitchen_off_screen():
    env = KitchenEnv(CRAMPED, render_mode="rgb_array")
    env.reset(seed=0)
    picture = env.render()
    assert picture.shape == (4 * 64, 5 * 64, 3)
    assert picture.dtype == np.uint8
    assert picture.std() > 10
    env.close()
    assert KitchenEnv(CRAMPED).render() is None


def test_computer_cooks_play_alongside_the_agent():
    env = KitchenGymEnv(CRAMPED, chef=1, teammates="bots", max_steps=20)
    env.reset(seed=1)
    start = env.env.round.chefs[2].cell
    moved = False
    for _ in range(20):
        *_, terminated, truncated, _ = env.step(0)
        moved = moved or env.env.round.chefs[2].cell != start
        if terminated or truncated:
            break
    assert moved
    assert env.env.agents == []


def test_unknown_levels_and_options_are_one_clear_error():
    with pytest.raises(ValueError, match="no level 'nowhere'"):
        KitchenEnv("nowhere")
    with pytest.raises(ValueError, match="render_mode"):
        KitchenEnv(CRAMPED, render_mode="human")
    with pytest.raises(ValueError, match="teammates"):
        KitchenGymEnv(CRAMPED, teammates="friends")
