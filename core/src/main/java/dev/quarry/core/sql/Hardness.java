package dev.quarry.core.sql;

/** Spider's four difficulty levels (Yu et al. 2018), from {@link SpiderHardness#classify}. */
public enum Hardness {
  EASY,
  MEDIUM,
  HARD,
  EXTRA
}
