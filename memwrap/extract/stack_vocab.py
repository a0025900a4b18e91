"""What the ecosystem itself says about a project's stack, as data: the tools, frameworks and
languages people name, the config files that give a toolchain away, and the commands that
belong to one. Broad on purpose: a PROJECT fact should name a stack this project has never
met (a Fortran solver, a Jenkins library, a ROS 2 node) as well as the common ones."""

from __future__ import annotations

import re

# Names matched case-insensitively in prose (name -> regex). Common English words are left
# out or need their qualifier ("play framework", "apache beam") so "spring cleaning" or "a
# ray of hope" never become a stack.
EXTRA_WORDS: list[tuple[str, str]] = [
    # languages and runtimes
    ("Erlang", r"\berlang\b"), ("OTP", r"\berlang/otp\b|\botp\s+\d\d\b"), ("Fortran", r"\bfortran\b"),
    ("OpenMP", r"\bopenmp\b"), ("MPI", r"\bmpi\b(?!\w)"), ("CUDA", r"\bcuda\b"), ("LaTeX", r"\blatex\b"),
    ("Solidity", r"\bsolidity\b"), ("Groovy", r"\bgroovy\b"), ("Lua", r"\blua\b"), ("Perl", r"\bperl\b"),
    ("OCaml", r"\bocaml\b"), ("Clojure", r"\bclojure\b"), ("F#", r"\bf#"), ("Julia", r"\bjulia\b(?=\s+v?\d|\s+lang)"),
    ("Crystal", r"\bcrystal\s+lang\b|\bcrystal(?=\s+v?\d)"), ("Nim", r"\bnim(?=\s+v?\d)|\bnimlang\b"),
    ("Gleam", r"\bgleam\b"), ("Elm", r"\belm(?=\s+v?0\.\d)|\belm-lang\b"), ("COBOL", r"\bcobol\b"),
    ("Ada", r"\bada(?=\s+20\d\d)|\bgnat\b"), ("Pascal", r"\bfree\s*pascal\b|\blazarus\b"), ("Racket", r"\bracket\b"),
    ("Common Lisp", r"\bcommon lisp\b|\bsbcl\b"), ("Prolog", r"\bprolog\b"), ("Objective-C", r"\bobjective-c\b"),
    ("Verilog", r"\bverilog\b"), ("VHDL", r"\bvhdl\b"), ("WebAssembly", r"\bwebassembly\b|\bwasm\b"),
    ("PowerShell", r"\bpowershell\b"), ("Bash", r"\bbash script"), ("R", r"\bin r\b(?=[,.])|\br package\b"),
    ("MicroPython", r"\bmicropython\b"), ("CircuitPython", r"\bcircuitpython\b"), ("Move", r"\bmove language\b"),
    ("Cairo", r"\bcairo\s+lang|\bstarknet\b"), ("Vala", r"\bvala\b"), ("GDScript", r"\bgdscript\b"),
    # build tools and package managers
    ("rebar3", r"\brebar3\b"), ("fpm", r"\bfpm\b"), ("gfortran", r"\bgfortran\b"), ("Bazel", r"\bbazel\b"),
    ("Buck2", r"\bbuck2\b"), ("Meson", r"\bmeson\b"), ("SCons", r"\bscons\b"), ("Conan", r"\bconan\b"),
    ("vcpkg", r"\bvcpkg\b"), ("latexmk", r"\blatexmk\b"), ("LuaLaTeX", r"\blualatex\b"), ("XeLaTeX", r"\bxelatex\b"),
    ("biber", r"\bbiber\b"), ("sbt", r"\bsbt\b"), ("Leiningen", r"\bleiningen\b"), ("Mix", r"\bmix\.exs\b"),
    ("Poetry", r"\bpoetry\b(?=\s+(?:add|install|lock|run)\b)"), ("uv", r"\buv\s+(?:add|sync|lock|pip)\b"),
    ("pnpm", r"\bpnpm\b"), ("Yarn", r"\byarn\s+(?:berry|workspaces?)\b"), ("colcon", r"\bcolcon\b"), ("catkin", r"\bcatkin\b"),
    ("Nix", r"\bnix\s+flakes?\b|\bnixos\b|\bflake\.nix\b"), ("Homebrew", r"\bhomebrew\b"), ("Cargo", r"\bcargo\s+workspace\b"),
    # web frameworks and libraries
    ("cowboy", r"\bcowboy\b"), ("Elysia", r"\belysia(?:js)?\b"), ("Hono", r"\bhono\b"), ("Fastify", r"\bfastify\b"),
    ("Koa", r"\bkoa\b"), ("tRPC", r"\btrpc\b"), ("Remix", r"\bremix\b(?=\s+v?\d|\s+app|\s+run)"), ("Astro", r"\bastro\b(?=\s+v?\d|\s+site|\s+build|\.config)"),
    ("SolidJS", r"\bsolid(?:js|start)\b|\bsolid-js\b"), ("Preact", r"\bpreact\b"), ("Qwik", r"\bqwik\b"), ("Lit", r"\blit\s+[23]\b|\blit-element\b"),
    ("htmx", r"\bhtmx\b"), ("Alpine.js", r"\balpine\.?js\b"), ("Stimulus", r"\bstimulus(?:js)?\b(?=\s+controllers?|\s+v?\d)"),
    ("Hotwire", r"\bhotwire\b"), ("jQuery", r"\bjquery\b"), ("Bootstrap", r"\bbootstrap\s+v?[345]\b"),
    ("Redux", r"\bredux\b"), ("Zustand", r"\bzustand\b"), ("Pinia", r"\bpinia\b"), ("RxJS", r"\brxjs\b"), ("NgRx", r"\bngrx\b"),
    ("Three.js", r"\bthree\.?js\b"), ("Phaser", r"\bphaser\b"), ("D3", r"\bd3\.?js\b|\bd3\s+v?\d\b"), ("Leaflet", r"\bleaflet\b"),
    ("Storybook", r"\bstorybook\b"), ("Playwright", r"\bplaywright\b"), ("Cypress", r"\bcypress\b"), ("Jest", r"\bjest\b"),
    ("Vitest", r"\bvitest\b"), ("Mocha", r"\bmocha\b"), ("Prisma", r"\bprisma\b"), ("Drizzle", r"\bdrizzle(?:-orm)?\b"),
    ("TypeORM", r"\btypeorm\b"), ("Sequelize", r"\bsequelize\b"), ("Mongoose", r"\bmongoose\b"), ("Knex", r"\bknex\b"),
    ("Zod", r"\bzod\b"), ("Apollo", r"\bapollo\s+(?:server|client)\b"), ("Socket.IO", r"\bsocket\.io\b"),
    ("SQLAlchemy", r"\bsqlalchemy\b"), ("Alembic", r"\balembic\b"), ("Pydantic", r"\bpydantic\b"), ("Starlette", r"\bstarlette\b"),
    ("Litestar", r"\blitestar\b"), ("Sanic", r"\bsanic\b"), ("Tornado", r"\btornado\b(?=\s+v?\d|\s+web|\s+server)"),
    ("aiohttp", r"\baiohttp\b"), ("Falcon", r"\bfalcon\s+(?:api|app|framework|v?\d)\b"), ("Pyramid", r"\bpyramid\s+(?:app|framework|v?\d)\b"),
    ("Streamlit", r"\bstreamlit\b"), ("Gradio", r"\bgradio\b"), ("Dash", r"\bplotly dash\b"), ("Jupyter", r"\bjupyter\b"),
    ("Textual", r"\btextual\b(?=\s+app|\s+v?\d|\s+tui)"), ("Typer", r"\btyper\b"), ("Click", r"\bclick\s+(?:cli|v?\d)\b"),
    ("Sinatra", r"\bsinatra\b"), ("Hanami", r"\bhanami\b"), ("Roda", r"\broda\b"), ("Sidekiq", r"\bsidekiq\b"), ("RSpec", r"\brspec\b"),
    ("Livewire", r"\blivewire\b"), ("Doctrine", r"\bdoctrine\b"), ("WordPress", r"\bwordpress\b"), ("WooCommerce", r"\bwoocommerce\b"),
    ("Drupal", r"\bdrupal\b"), ("Magento", r"\bmagento\b"), ("Ecto", r"\becto\b"), ("Oban", r"\boban\b"), ("Nerves", r"\bnerves\b(?=\s+v?\d|\s+firmware|\s+project)"),
    ("Ash", r"\bash\s+framework\b|\bash\s+[23]\b"), ("Plug", r"\bplug\.\w+\b"), ("Absinthe", r"\babsinthe\b"),
    ("Gin", r"\bgin-gonic\b"), ("Echo", r"\blabstack/echo\b"), ("Fiber", r"\bgofiber\b"), ("GORM", r"\bgorm\b"), ("sqlc", r"\bsqlc\b"),
    ("Cobra", r"\bspf13/cobra\b|\bcobra\s+cli\b"), ("Actix", r"\bactix(?:-web)?\b"), ("Axum", r"\baxum\b"), ("Tokio", r"\btokio\b"),
    ("Diesel", r"\bdiesel\s+(?:orm|migration|cli)\b"), ("SQLx", r"\bsqlx\b"), ("Leptos", r"\bleptos\b"), ("Yew", r"\byew\b"),
    ("Bevy", r"\bbevy\b"), ("Tauri", r"\btauri\b"), ("Micronaut", r"\bmicronaut\b"), ("Dropwizard", r"\bdropwizard\b"),
    ("Vert.x", r"\bvert\.x\b"), ("Javalin", r"\bjavalin\b"), ("Play", r"\bplay framework\b"), ("Akka", r"\bakka\b"), ("Pekko", r"\bpekko\b"),
    ("ZIO", r"\bzio\b"), ("http4s", r"\bhttp4s\b"), ("Cats Effect", r"\bcats[- ]effect\b"), ("Hibernate", r"\bhibernate\b"),
    ("jOOQ", r"\bjooq\b"), ("JUnit", r"\bjunit\b"), ("Testcontainers", r"\btestcontainers\b"), ("Jetpack Compose", r"\bjetpack compose\b"),
    ("Room", r"\bandroidx\.room\b"), ("Hilt", r"\bhilt\b"), ("Vapor", r"\bvapor\b(?=\s+v?\d|\s+app|\s+server)"), ("UIKit", r"\buikit\b"),
    ("Core Data", r"\bcore data\b"), ("SwiftData", r"\bswiftdata\b"), ("Blazor", r"\bblazor\b"), ("ASP.NET Core", r"\basp\.net(?: core)?\b"),
    ("Entity Framework", r"\bentity framework\b|\bef core\b"), ("MAUI", r"\b\.net maui\b|\bmaui\b"), ("Giraffe", r"\bgiraffe\b"),
    ("Servant", r"\bservant\b(?=\s+api|\s+server|\s+v?\d)"), ("Yesod", r"\byesod\b"), ("Dream", r"\bdream\s+framework\b"),
    ("Ring", r"\bclojure ring\b"), ("Mojolicious", r"\bmojolicious\b"), ("Kemal", r"\bkemal\b"), ("Jester", r"\bjester\b"),
    ("Wisp", r"\bwisp\b(?=\s+v?\d|\s+router|\s+server)"), ("Shiny", r"\br shiny\b|\bshiny app\b"), ("Genie", r"\bgenie\.jl\b"),
    # data, ML, science
    ("scikit-learn", r"\bscikit-learn\b|\bsklearn\b"), ("NumPy", r"\bnumpy\b"), ("SciPy", r"\bscipy\b"), ("Matplotlib", r"\bmatplotlib\b"),
    ("Polars", r"\bpolars\b"), ("DuckDB", r"\bduckdb\b"), ("Dask", r"\bdask\b"), ("Ray", r"\bray\s+(?:tune|serve|cluster|actors?)\b"),
    ("MLflow", r"\bmlflow\b"), ("Hugging Face", r"\bhugging\s*face\b"), ("Transformers", r"\bhf transformers\b"), ("Keras", r"\bkeras\b"),
    ("XGBoost", r"\bxgboost\b"), ("LightGBM", r"\blightgbm\b"), ("OpenCV", r"\bopencv\b"), ("ONNX", r"\bonnx\b"),
    ("LangChain", r"\blangchain\b"), ("LlamaIndex", r"\bllamaindex\b"), ("Lightning", r"\bpytorch lightning\b"),
    ("Dagster", r"\bdagster\b"), ("Prefect", r"\bprefect\s+(?:flows?|v?\d)\b"), ("Flink", r"\bflink\b"), ("Beam", r"\bapache beam\b"),
    ("Trino", r"\btrino\b"), ("Databricks", r"\bdatabricks\b"), ("Redshift", r"\bredshift\b"), ("SQLMesh", r"\bsqlmesh\b"),
    ("Great Expectations", r"\bgreat expectations\b"), ("papermill", r"\bpapermill\b"), ("Scrapy", r"\bscrapy\b"),
    # databases, queues, search
    ("ClickHouse", r"\bclickhouse\b"), ("Cassandra", r"\bcassandra\b"), ("ScyllaDB", r"\bscylla(?:db)?\b"), ("Redis", r"\bredis\b"),
    ("Valkey", r"\bvalkey\b"), ("Kafka", r"\bkafka\b"), ("RabbitMQ", r"\brabbitmq\b"), ("NATS", r"\bnats\b"), ("MQTT", r"\bmqtt\b"),
    ("Elasticsearch", r"\belasticsearch\b"), ("OpenSearch", r"\bopensearch\b"), ("Meilisearch", r"\bmeilisearch\b"),
    ("Neo4j", r"\bneo4j\b"), ("DynamoDB", r"\bdynamodb\b"), ("Firestore", r"\bfirestore\b"), ("Firebase", r"\bfirebase\b"),
    ("Supabase", r"\bsupabase\b"), ("CockroachDB", r"\bcockroach(?:db)?\b"), ("MariaDB", r"\bmariadb\b"), ("SQL Server", r"\bsql server\b|\bmssql\b|\bt-sql\b"),
    ("Oracle", r"\boracle\s+(?:db|database|\d+c)\b|\bpl/sql\b"), ("TimescaleDB", r"\btimescale(?:db)?\b"), ("InfluxDB", r"\binfluxdb\b"),
    ("LiteFS", r"\blitefs\b"), ("Turso", r"\bturso\b|\blibsql\b"), ("ETS", r"\bets table\b"), ("Mnesia", r"\bmnesia\b"),
    # infrastructure, CI, observability
    ("Jenkins", r"\bjenkins\b"), ("GitHub Actions", r"\bgithub actions\b"), ("GitLab CI", r"\bgitlab[- ]ci\b"), ("CircleCI", r"\bcircleci\b"),
    ("Buildkite", r"\bbuildkite\b"), ("Argo CD", r"\bargo\s*cd\b"), ("Helm", r"\bhelm\b(?=\s+(?:chart|v?\d|install|upgrade|template))"),
    ("Kustomize", r"\bkustomize\b"), ("Pulumi", r"\bpulumi\b"), ("Terragrunt", r"\bterragrunt\b"), ("Ansible", r"\bansible\b"),
    ("SaltStack", r"\bsaltstack\b|\bsalt states?\b"), ("Puppet", r"\bpuppet\s+(?:module|manifest|v?\d)\b"), ("Chef", r"\bchef\s+(?:cookbook|recipe|infra)\b"),
    ("Packer", r"\bpacker\b(?=\s+build|\s+template|\.pkr)"), ("Vagrant", r"\bvagrant\b"), ("Consul", r"\bhashicorp consul\b|\bconsul\s+(?:kv|agent)\b"),
    ("HashiCorp Vault", r"\bhashicorp vault\b|\bvault\s+(?:kv|agent|token)\b"), ("Nomad", r"\bnomad\s+(?:job|cluster)\b"),
    ("Prometheus", r"\bprometheus\b"), ("Alertmanager", r"\balertmanager\b"), ("Grafana", r"\bgrafana\b"), ("Loki", r"\bgrafana loki\b|\bloki\b(?=\s+v?\d|\s+logs?)"),
    ("OpenTelemetry", r"\bopentelemetry\b|\botel collector\b"), ("Jaeger", r"\bjaeger\b"), ("Fluent Bit", r"\bfluent[- ]?bit\b"),
    ("Vector", r"\bvector\.dev\b|\bvector\s+(?:sink|source|transform|pipeline|agent)s?\b"), ("Datadog", r"\bdatadog\b"), ("Sentry", r"\bsentry\b"),
    ("nginx", r"\bnginx\b"), ("Caddy", r"\bcaddy\b"), ("HAProxy", r"\bhaproxy\b"), ("Envoy", r"\benvoy\b"), ("Traefik", r"\btraefik\b"),
    ("Istio", r"\bistio\b"), ("Podman", r"\bpodman\b"), ("Docker Compose", r"\bdocker[- ]compose\b"),
    ("Cloudflare Workers", r"\bcloudflare workers?\b|\bwrangler\b"), ("Fly.io", r"\bfly\.io\b|\bflyctl\b"), ("Vercel", r"\bvercel\b"),
    ("Netlify", r"\bnetlify\b"), ("Heroku", r"\bheroku\b"), ("Lambda", r"\baws lambda\b"), ("Cloud Run", r"\bcloud run\b"),
    ("ECS", r"\baws ecs\b|\becs fargate\b|\bfargate\b"), ("S3", r"\bs3 bucket\b"),
    # embedded, robotics, games, chain
    ("ROS 2", r"\bros\s?2\b"), ("ROS", r"\bros\b(?!\s?2)(?=\s+(?:noetic|melodic|node|topic|package))"), ("Nav2", r"\bnav2\b"),
    ("Gazebo", r"\bgazebo\b"), ("rclcpp", r"\brclcpp\b"), ("rclpy", r"\brclpy\b"), ("PlatformIO", r"\bplatformio\b"),
    ("Arduino", r"\barduino\b"), ("Raspberry Pi Pico", r"\b(?:raspberry pi )?pico\s*w?\b(?=\s+(?:board|w\b|sdk))|\brp2040\b"),
    ("Raspberry Pi", r"\braspberry pi\b"), ("ESP32", r"\besp32(?:-\w+)?\b"), ("ESP-IDF", r"\besp-idf\b|\bidf\.py\b"), ("STM32", r"\bstm32\w*\b"),
    ("Zephyr", r"\bzephyr\b"), ("FreeRTOS", r"\bfreertos\b"), ("Embassy", r"\bembassy\b"), ("Jetson", r"\bjetson\b"),
    ("Godot", r"\bgodot\b"), ("Unity", r"\bunity\s+(?:20\d\d|6|editor|project)\b"), ("Unreal", r"\bunreal(?: engine)?\b"),
    ("LÖVE", r"\blöve\b|\blove2d\b"), ("Defold", r"\bdefold\b"), ("SDL", r"\bsdl2?\b"), ("Raylib", r"\braylib\b"),
    ("Foundry", r"\bfoundry\b"), ("Hardhat", r"\bhardhat\b"), ("OpenZeppelin", r"\bopenzeppelin\b"), ("solmate", r"\bsolmate\b"),
    ("ethers", r"\bethers(?:\.js)?\s+v?[56]\b"), ("viem", r"\bviem\b"), ("Anchor", r"\banchor\s+(?:framework|program)\b"),
    ("ERC-4626", r"\berc-?4626\b"), ("ERC-20", r"\berc-?20\b"),
]

# Config files that give a toolchain away (regex on a path's last part -> stack item).
CONFIG_FILES: list[tuple[str, str]] = [
    (r"foundry\.toml", "Foundry"), (r"hardhat\.config\.[jt]s", "Hardhat"), (r"truffle-config\.js", "Truffle"),
    (r"Anchor\.toml", "Anchor"), (r"Scarb\.toml", "Cairo"), (r"rebar\.config", "rebar3"), (r"erlang\.mk", "erlang.mk"),
    (r"fpm\.toml", "fpm"), (r"platformio\.ini", "PlatformIO"), (r"Jenkinsfile", "Jenkins"), (r"\.gitlab-ci\.ya?ml", "GitLab CI"),
    (r"azure-pipelines\.ya?ml", "Azure Pipelines"), (r"bitbucket-pipelines\.yml", "Bitbucket Pipelines"), (r"\.drone\.yml", "Drone CI"),
    (r"\.?latexmkrc", "latexmk"), (r"Chart\.yaml", "Helm"), (r"kustomization\.ya?ml", "Kustomize"), (r"skaffold\.ya?ml", "Skaffold"),
    (r"Tiltfile", "Tilt"), (r"terragrunt\.hcl", "Terragrunt"), (r"Pulumi\.ya?ml", "Pulumi"), (r"serverless\.ya?ml", "Serverless Framework"),
    (r"cdk\.json", "AWS CDK"), (r"wrangler\.toml", "Cloudflare Workers"), (r"vercel\.json", "Vercel"), (r"netlify\.toml", "Netlify"),
    (r"fly\.toml", "Fly.io"), (r"ansible\.cfg", "Ansible"), (r"Vagrantfile", "Vagrant"), (r"flake\.nix", "Nix flakes"),
    (r"[Jj]ustfile", "just"), (r"meson\.build", "Meson"), (r"(?:BUILD\.bazel|MODULE\.bazel|WORKSPACE\.bazel)", "Bazel"),
    (r"BUCK", "Buck2"), (r"build\.zig", "Zig"), (r"SConstruct", "SCons"), (r"conanfile\.(?:txt|py)", "Conan"), (r"vcpkg\.json", "vcpkg"),
    (r"bunfig\.toml|bun\.lockb?", "Bun"), (r"deno\.jsonc?", "Deno"), (r"pnpm-workspace\.yaml", "pnpm"), (r"angular\.json", "Angular"),
    (r"next\.config\.[cm]?[jt]s", "Next.js"), (r"nuxt\.config\.[jt]s", "Nuxt"), (r"svelte\.config\.js", "SvelteKit"),
    (r"astro\.config\.m?[jt]s", "Astro"), (r"remix\.config\.js", "Remix"), (r"vite\.config\.[jt]s", "Vite"),
    (r"tailwind\.config\.[jt]s", "Tailwind"), (r"playwright\.config\.[jt]s", "Playwright"), (r"cypress\.config\.[jt]s", "Cypress"),
    (r"vitest\.config\.[jt]s", "Vitest"), (r"jest\.config\.[jt]s", "Jest"), (r"drizzle\.config\.[jt]s", "Drizzle"),
    (r"schema\.prisma", "Prisma"), (r"\.eleventy\.js|eleventy\.config\.[cm]?js", "Eleventy"), (r"gatsby-config\.[jt]s", "Gatsby"),
    (r"docusaurus\.config\.[jt]s", "Docusaurus"), (r"hugo\.(?:toml|ya?ml)", "Hugo"), (r"mkdocs\.ya?ml", "MkDocs"),
    (r"manage\.py", "Django"), (r"alembic\.ini", "Alembic"), (r"noxfile\.py", "nox"), (r"tox\.ini", "tox"),
    (r"dbt_project\.yml", "dbt"), (r"dagster\.yaml", "Dagster"), (r"MLproject", "MLflow"), (r"dvc\.yaml", "DVC"),
    (r"artisan", "Laravel"), (r"symfony\.lock", "Symfony"), (r"wp-config\.php", "WordPress"), (r"config\.ru", "Rack"),
    (r"build\.sbt", "sbt"), (r"project\.clj", "Leiningen"), (r"shadow-cljs\.edn", "shadow-cljs"), (r"Package\.swift", "SwiftPM"),
    (r"Podfile", "CocoaPods"), (r"pubspec\.ya?ml", "Dart"), (r"stack\.yaml", "Stack"), (r"dune-project", "Dune"),
    (r"gleam\.toml", "Gleam"), (r"shard\.yml", "Crystal"), (r"elm\.json", "Elm"), (r"Project\.toml", "Julia"),
    (r"renv\.lock", "renv"), (r"project\.godot", "Godot"), (r"\w+\.uproject", "Unreal"), (r"ProjectVersion\.txt", "Unity"),
    (r"sdkconfig(?:\.defaults)?|idf_component\.yml", "ESP-IDF"), (r"west\.yml|prj\.conf", "Zephyr"), (r"\w+\.ioc", "STM32CubeMX"),
    (r"Caddyfile", "Caddy"), (r"nginx\.conf", "nginx"), (r"haproxy\.cfg", "HAProxy"), (r"envoy\.ya?ml", "Envoy"),
    (r"fluent-bit\.(?:conf|ya?ml)", "Fluent Bit"), (r"vector\.(?:toml|ya?ml)", "Vector"), (r"prometheus\.ya?ml", "Prometheus"),
    (r"alertmanager\.ya?ml", "Alertmanager"), (r"telegraf\.conf", "Telegraf"), (r"docker-compose\.ya?ml|compose\.ya?ml", "Docker Compose"),
    (r"supabase/config\.toml", "Supabase"), (r"firebase\.json", "Firebase"), (r"\.streamlit/config\.toml|\.streamlit/secrets\.toml", "Streamlit"),
    (r"package\.xml", "ROS package"), (r"CMakeLists\.txt", "CMake"),
]
CONFIG_FILE_RES = [(re.compile(r"(?:^|[\s/'\"=])" + rx + r"(?=$|[\s'\":;,)])"), name) for rx, name in CONFIG_FILES]

# Commands that belong to one toolchain ("forge test" -> Foundry, "pio run" -> PlatformIO).
COMMAND_STACK: dict[str, str] = {
    "forge": "Foundry", "cast": "Foundry", "anvil": "Foundry", "hardhat": "Hardhat", "solc": "Solidity",
    "rebar3": "rebar3", "erl": "Erlang", "erlc": "Erlang", "elixir": "Elixir", "iex": "Elixir", "mix": "Mix",
    "fpm": "fpm", "gfortran": "gfortran", "ifort": "Intel Fortran", "mpirun": "MPI", "nvcc": "CUDA",
    "pio": "PlatformIO", "platformio": "PlatformIO", "arduino-cli": "Arduino", "idf.py": "ESP-IDF", "west": "Zephyr",
    "latexmk": "latexmk", "lualatex": "LuaLaTeX", "pdflatex": "pdfLaTeX", "xelatex": "XeLaTeX", "biber": "biber",
    "promtool": "Prometheus", "amtool": "Alertmanager", "grafana-cli": "Grafana", "logcli": "Loki",
    "ros2": "ROS 2", "colcon": "colcon", "catkin": "catkin", "rosrun": "ROS", "roslaunch": "ROS",
    "streamlit": "Streamlit", "jupyter": "Jupyter", "papermill": "papermill", "mlflow": "MLflow", "dbt": "dbt",
    "dagster": "Dagster", "airflow": "Airflow", "clickhouse-client": "ClickHouse", "clickhouse": "ClickHouse",
    "cqlsh": "Cassandra", "cypher-shell": "Neo4j", "mongosh": "MongoDB", "influx": "InfluxDB", "kafka-topics": "Kafka",
    "terraform": "Terraform", "terragrunt": "Terragrunt", "pulumi": "Pulumi", "ansible-playbook": "Ansible",
    "salt": "SaltStack", "helm": "Helm", "kubectl": "Kubernetes", "kustomize": "Kustomize", "argocd": "Argo CD",
    "flyctl": "Fly.io", "fly": "Fly.io", "wrangler": "Cloudflare Workers", "vercel": "Vercel", "netlify": "Netlify",
    "gradle": "Gradle", "gradlew": "Gradle", "./gradlew": "Gradle", "mvn": "Maven", "./mvnw": "Maven", "sbt": "sbt",
    "lein": "Leiningen", "clj": "Clojure", "bazel": "Bazel", "bazelisk": "Bazel", "buck2": "Buck2", "meson": "Meson",
    "ninja": "Ninja", "cmake": "CMake", "conan": "Conan", "zig": "Zig", "cargo": "Cargo", "go": "Go", "dotnet": ".NET",
    "swift": "Swift", "xcodebuild": "Xcode", "flutter": "Flutter", "dart": "Dart", "deno": "Deno", "bun": "Bun",
    "php": "PHP", "composer": "Composer", "artisan": "Laravel", "rails": "Rails", "rake": "Rake", "rspec": "RSpec",
    "stack": "Stack", "cabal": "Cabal", "ghc": "GHC", "dune": "Dune", "opam": "opam", "gleam": "Gleam", "nimble": "Nim",
    "crystal": "Crystal", "shards": "Crystal", "julia": "Julia", "Rscript": "R", "R": "R", "godot": "Godot",
    "love": "LÖVE", "perl": "Perl", "prove": "Perl", "carton": "Carton", "raco": "Racket", "sbcl": "Common Lisp",
    "swipl": "Prolog", "gnatmake": "Ada", "gprbuild": "Ada", "fpc": "Free Pascal", "lazbuild": "Lazarus",
    "cobc": "GnuCOBOL", "iverilog": "Verilog", "ghdl": "VHDL", "nix": "Nix", "nixos-rebuild": "NixOS",
    "jenkins-cli": "Jenkins", "act": "GitHub Actions", "gh": "GitHub CLI", "psql": "Postgres", "mysql": "MySQL",
    "sqlite3": "SQLite", "redis-cli": "Redis", "docker": "Docker", "podman": "Podman", "docker-compose": "Docker Compose",
    "pytest": "pytest", "tox": "tox", "nox": "nox", "vitest": "Vitest", "jest": "Jest", "playwright": "Playwright",
    "cypress": "Cypress", "tsc": "TypeScript", "vite": "Vite", "next": "Next.js", "nuxi": "Nuxt", "ng": "Angular",
    "expo": "Expo", "eas": "Expo", "tauri": "Tauri", "electron": "Electron", "prisma": "Prisma", "drizzle-kit": "Drizzle",
    "alembic": "Alembic", "celery": "Celery", "uvicorn": "Uvicorn", "gunicorn": "Gunicorn", "hugo": "Hugo",
}

# Wrappers that run another command: the tool is what follows them.
COMMAND_WRAPPERS = {"timeout", "nice", "nohup", "stdbuf", "env", "time", "xvfb-run", "strace", "ltrace", "valgrind",
                    "caffeinate", "chronic", "unbuffer", "taskset", "ionice", "setsid", "exec", "command", "builtin"}

# ROS 2 distributions, read from /opt/ros/<distro> or "ros2 humble".
ROS_DISTROS = ("humble", "iron", "jazzy", "rolling", "galactic", "foxy", "noetic", "melodic")

# Source-file extensions the path-based language guess knows beyond the common ones.
EXTRA_EXTENSIONS = {
    "f90": "Fortran", "f95": "Fortran", "f03": "Fortran", "f08": "Fortran", "for": "Fortran", "f": "Fortran",
    "tex": "LaTeX", "ino": "Arduino", "sv": "SystemVerilog", "vhd": "VHDL", "vhdl": "VHDL", "adb": "Ada",
    "ads": "Ada", "pas": "Pascal", "lpr": "Pascal", "cob": "COBOL", "cbl": "COBOL",
    "lisp": "Common Lisp", "scm": "Scheme", "move": "Move", "cairo": "Cairo", "vala": "Vala",
    "nix": "Nix", "hcl": "HCL", "asm": "Assembly", "s": "Assembly", "cu": "CUDA", "proto": "Protocol Buffers",
    "graphql": "GraphQL", "prisma": "Prisma", "bicep": "Bicep", "jsonnet": "Jsonnet", "dhall": "Dhall", "rego": "Rego",
    "star": "Starlark", "bzl": "Starlark", "ml": "OCaml", "mli": "OCaml", "re": "ReasonML", "res": "ReScript",
    "ex": "Elixir", "heex": "Elixir", "eex": "Elixir", "groovy": "Groovy", "gradle": "Gradle",
}
