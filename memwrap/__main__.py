from memwrap.cli import main

raise SystemExit(main())
