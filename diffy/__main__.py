from diffy.cli import main

raise SystemExit(main())
