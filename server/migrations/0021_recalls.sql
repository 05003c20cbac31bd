-- Reserved for the back office (issue 14); filled by the branch that owns it.
SELECT 1;
