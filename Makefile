# E-Kinerja developer commands. The logic lives in scripts/ so CI, make and a shell run the same
# thing; each target only names a script. `make` alone lists the targets.

SHELL := /bin/bash
# Extra pytest arguments: make test ARGS='-k tpp -x'
ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help venv run worker beat test lint migrate shell clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-8s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
	@echo "  (make test ARGS='-k tpp -x' passes arguments to pytest)"

venv: ## Create/refresh .venv (skipped when requirements are unchanged)
	@bash scripts/venv.sh

run: ## Migrate, seed demo data once, run a Celery worker and runserver on 127.0.0.1:8000
	@bash scripts/run.sh

worker: ## Run only a Celery worker (beside another `make run`, or with REDIS_URL)
	@bash scripts/run.sh worker

beat: ## Run Celery beat (the periodic jobs in CELERY_BEAT_SCHEDULE)
	@bash scripts/run.sh beat

test: ## Full gate as CI runs it: ruff, migrations, check --deploy, collectstatic, pytest
	@bash scripts/test.sh $(ARGS)

lint: venv ## Only ruff check
	@.venv/bin/ruff check --config scripts/ruff.toml .

migrate: venv ## Apply migrations to the dev database (var/ by default, or DATABASE_URL)
	@DEBUG=$${DEBUG:-1} .venv/bin/python manage.py migrate

shell: venv ## Django shell on the dev database
	@DEBUG=$${DEBUG:-1} .venv/bin/python manage.py shell

clean: ## Remove generated files (collected static, caches); keeps .venv and var/
	rm -rf staticfiles .ruff_cache .pytest_cache
	find . -path ./.venv -prune -o -name __pycache__ -type d -exec rm -rf {} +
