// Sale restrictions (hours, most per basket) and the age hold: pure rules, decided here, applied by services/.
export * from './age-hold';
export * from './sale-rules';
export * from './hq-rules';
