// The Python half of the Optuna bridge, kept as a string so it ships in dist (tsc copies no .py).
// Run as `python -u -c BRIDGE_SCRIPT`; the protocol is described in README.md beside this file.
// Edit it as Python: no backticks and no dollar-brace in it.
export const BRIDGE_SCRIPT = String.raw`import json, math, random, sys, time, traceback

_proto = sys.stdout
sys.stdout = sys.stderr  # only protocol lines go to the real stdout

def send(msg):
    _proto.write(json.dumps(msg, allow_nan=False) + "\n")
    _proto.flush()

try:
    import optuna
    import optuna.distributions as od
    from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
    from optuna.trial import TrialState
except Exception as e:  # the client turns this into OptunaNotInstalledError
    send({"id": 0, "ok": False, "error": {"type": "ImportError", "message": type(e).__name__ + ": " + str(e)}})
    sys.exit(3)

optuna.logging.set_verbosity(optuna.logging.WARNING)
_loose_equal = od._categorical_choice_equal

def _strict_equal(a, b):  # True must not match the choice 1 (nor False 0)
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return _loose_equal(a, b)

od._categorical_choice_equal = _strict_equal

PLACEHOLDER = "flowprompt:placeholder"
PRUNED_VALUE = "flowprompt:pruned_value"
WORKER = "flowprompt:worker"
S = {"study": None, "worker": None}
STATES = {"complete": TrialState.COMPLETE, "pruned": TrialState.PRUNED, "fail": TrialState.FAIL,
          "running": TrialState.RUNNING}

class Problem(Exception):  # answered as {ok: false, error: {type: kind, message, ...extra}}
    def __init__(self, kind, message, **extra):
        super().__init__(message)
        self.kind, self.extra = kind, extra

def bad(argument, message):  # the client throws InvalidArgumentError
    return Problem("InvalidArgument", message, argument=argument)

def num(x):
    if x is None:
        return None
    x = float(x)
    return x if math.isfinite(x) else None

def dist(spec):
    t, log, step = spec["type"], bool(spec.get("log")), spec.get("step")
    if t == "categorical":
        return CategoricalDistribution(spec["choices"])
    if t == "float":
        return FloatDistribution(spec["low"], spec["high"], log=log, step=step)
    return IntDistribution(int(spec["low"]), int(spec["high"]), log=log, step=int(step or 1))

def make(module, names, name, options, argument, **extra):
    cls = getattr(module, names[name])
    try:
        return cls(**extra, **(options or {}))
    except TypeError as e:
        raise bad(argument, str(e))

SAMPLERS = dict(tpe="TPESampler", random="RandomSampler", cmaes="CmaEsSampler", nsga2="NSGAIISampler", qmc="QMCSampler")
PRUNERS = {"median": "MedianPruner", "hyperband": "HyperbandPruner", "successive-halving": "SuccessiveHalvingPruner",
           "none": "NopPruner"}
UNREACHABLE = ("could not connect", "connection refused", "unable to open", "could not translate", "timeout expired",
               "password authentication", "does not exist", "permission denied", "readonly", "read-only",
               "name or service", "no module named", "can't load plugin")

def open_storage(url):
    if url is None:
        return None
    kwargs = {"connect_args": {"timeout": 30}} if url.startswith("sqlite") else {"connect_args": {"connect_timeout": 10}}
    for attempt in range(5):
        try:
            return optuna.storages.RDBStorage(url, engine_kwargs=kwargs)
        except Exception as e:  # a race with another worker creating the tables is retried
            text = type(e).__name__ + ": " + str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            if attempt == 4 or any(s in str(e).lower() for s in UNREACHABLE) or isinstance(e, ImportError):
                raise Problem("StorageError", text)
            time.sleep(0.1 + random.random() * 0.3)

NEEDS = {"cmaes": "cmaes", "qmc": "scipy"}  # samplers that import an optional package when they sample

def op_create(r):
    if r["sampler"] in NEEDS:
        try:
            __import__(NEEDS[r["sampler"]])
        except ImportError as e:
            raise Problem("MissingModule", "the %s sampler needs %s: %s: %s" % (
                r["sampler"], NEEDS[r["sampler"]], type(e).__name__, e), module=NEEDS[r["sampler"]])
    sampler = make(optuna.samplers, SAMPLERS, r["sampler"], r.get("sampler_options"), "samplerOptions",
                   seed=r.get("seed"))
    pruner = make(optuna.pruners, PRUNERS, r["pruner"], r.get("pruner_options"), "prunerOptions")
    storage = open_storage(r.get("storage"))
    for attempt in range(5):
        try:
            study = optuna.create_study(study_name=r.get("study_name"), storage=storage, directions=r["directions"],
                                        sampler=sampler, pruner=pruner, load_if_exists=True)
            break
        except Exception as e:
            if storage is None or attempt == 4:
                raise Problem("StorageError", type(e).__name__ + ": " + str(e)) if storage is not None else e
            time.sleep(0.1 + random.random() * 0.3)
    have = [d.name.lower() for d in study.directions]
    if have != [d.lower() for d in r["directions"]]:
        raise bad("directions", "the study %s exists with directions %s" % (study.study_name, have))
    S["study"], S["worker"] = study, r.get("worker")
    return {"study_name": study.study_name, "n_trials": len(study.get_trials(deepcopy=False))}

def study():
    if S["study"] is None:
        raise bad("request", "no study: send create first")
    return S["study"]

def open_trial(number):
    st = study()
    try:
        tid = st._storage.get_trial_id_from_study_id_trial_number(st._study_id, int(number))
    except KeyError:
        raise bad("trial", "there is no trial %s in the study" % number)
    frozen = st._storage.get_trial(tid)
    if frozen.state.is_finished() or PLACEHOLDER in frozen.system_attrs:
        raise bad("trial", "trial %s is already finished (%s)" % (number, frozen.state.name.lower()))
    return st, tid, frozen

def op_ask(r):  # study.ask(fixed_distributions), one parameter at a time to name the one at fault
    st = study()
    fixed = {name: dist(spec) for name, spec in r["space"].items()}
    trial = st.ask()
    if S["worker"]:
        st._storage.set_trial_system_attr(trial._trial_id, WORKER, S["worker"])
    for name, d in fixed.items():
        try:
            trial._suggest(name, d)
        except ValueError as e:  # hide the half-made trial: it never reaches the client
            st._storage.set_trial_system_attr(trial._trial_id, PLACEHOLDER, True)
            st.tell(trial.number, state=TrialState.FAIL)
            raise bad("search space", 'parameter "%s" does not fit earlier trials of the study: %s' % (name, e))
    return {"number": trial.number, "params": trial.params}

def op_report(r):
    st, tid, frozen = open_trial(r["trial"])
    st._storage.set_trial_intermediate_value(tid, int(r["step"]), float(r["value"]))
    if len(st.directions) > 1:
        return {"prune": False}
    return {"prune": bool(st.pruner.prune(st, st._storage.get_trial(tid)))}

def op_tell(r):
    st, tid, frozen = open_trial(r["trial"])
    state = STATES[r["state"]]
    if r.get("reason") is not None:
        st._storage.set_trial_system_attr(tid, "fail_reason", r["reason"])
    if r.get("value") is not None:
        st._storage.set_trial_system_attr(tid, PRUNED_VALUE, r["value"])
    try:
        st.tell(frozen.number, values=r.get("values") if state == TrialState.COMPLETE else None, state=state)
    except ValueError as e:
        raise bad("values", str(e))
    return None

def op_add_trials(r):
    st = study()
    n = len(st.get_trials(deepcopy=False))
    added, skipped = [], []
    for t in sorted(r["trials"], key=lambda t: t["number"]):
        if t["number"] < n:
            skipped.append(t["number"])
            continue
        while n < t["number"]:
            st.add_trial(optuna.trial.create_trial(state=TrialState.FAIL, system_attrs={PLACEHOLDER: True}))
            n += 1
        state, attrs = STATES[t["state"]], {}
        if t.get("reason") is not None:
            attrs["fail_reason"] = t["reason"]
        if t.get("value") is not None:
            attrs[PRUNED_VALUE] = t["value"]
        if t.get("placeholder"):
            attrs[PLACEHOLDER] = True
        if S["worker"] and state == TrialState.RUNNING:
            attrs[WORKER] = S["worker"]
        try:
            st.add_trial(optuna.trial.create_trial(
                state=state, params=t.get("params") or {}, system_attrs=attrs,
                distributions={k: dist(s) for k, s in (t.get("distributions") or {}).items()},
                values=t.get("values") if state == TrialState.COMPLETE else None,
                intermediate_values={int(k): float(v) for k, v in (t.get("intermediate") or {}).items()}))
        except ValueError as e:
            raise bad("trials", "trial %s: %s" % (t["number"], e))
        added.append(t["number"])
        n += 1
    return {"added": added, "skipped": skipped}

def op_trials(r):
    out = []
    for t in study().get_trials(deepcopy=False):
        if not t.state.is_finished() or t.system_attrs.get(PLACEHOLDER):
            continue
        row = {"number": t.number, "params": t.params, "state": t.state.name.lower(),
               "intermediate": {str(k): num(v) for k, v in t.intermediate_values.items()}}
        if t.state == TrialState.COMPLETE:
            row["values"] = [num(v) for v in t.values]
        elif t.state == TrialState.PRUNED:
            v = t.system_attrs.get(PRUNED_VALUE, t.values[0] if t.values else None)
            row["value"] = num(v)
        else:
            row["reason"] = t.system_attrs.get("fail_reason")
        out.append(row)
    return out

def op_reap(r):  # after a restart: fail this worker's running trials the client does not know of
    st, keep, failed = study(), set(r.get("keep") or []), []
    for t in st.get_trials(deepcopy=False, states=(TrialState.RUNNING,)):
        if t.system_attrs.get(WORKER) == S["worker"] and t.number not in keep:
            st._storage.set_trial_system_attr(t._trial_id, "fail_reason", "the Optuna bridge process crashed")
            st.tell(t.number, state=TrialState.FAIL)
            failed.append(t.number)
    return {"failed": failed}

OPS = {"create": op_create, "ask": op_ask, "report": op_report, "tell": op_tell, "add_trials": op_add_trials,
       "trials": op_trials, "reap": op_reap, "close": lambda r: None}

def main():
    send({"id": 0, "ok": True, "result": {"version": optuna.__version__, "python": sys.executable}})
    while True:
        line = sys.stdin.readline()
        if not line:
            return
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            rid = req.get("id")
        except Exception as e:  # not a request: nobody to answer
            print("flowprompt bridge: ignoring a line that is not a JSON request: %s" % e, file=sys.stderr)
            continue
        try:
            op = OPS.get(req.get("op"))
            if op is None:
                raise bad("op", "unknown op %r" % req.get("op"))
            send({"id": rid, "ok": True, "result": op(req)})
        except Problem as e:
            send({"id": rid, "ok": False, "error": dict(e.extra, type=e.kind, message=str(e))})
        except Exception as e:
            traceback.print_exc()
            send({"id": rid, "ok": False, "error": {"type": type(e).__name__, "message": str(e)}})
        if req.get("op") == "close":
            return

main()
`;
