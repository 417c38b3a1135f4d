// Lua run atomically inside Redis. GCRA mirrors gcra.ts line for line (the shared suite runs the
// same expectations against both), so a limit behaves the same with or without Redis.

/** KEYS[1] = lock key, ARGV[1] = token. Deletes only our own lock. */
export const RELEASE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/** KEYS[1] = lock key, ARGV[1] = token, ARGV[2] = TTL (ms). Extends only our own lock. */
export const EXTEND_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** KEYS[1] = key, ARGV[1] = SHA-1 hex of the value it must hold, ARGV[2] = value, ARGV[3] = TTL (ms). */
export const SET_IF_DIGEST = `
local current = redis.call('GET', KEYS[1])
if current and redis.sha1hex(current) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
  return 1
end
return 0
`;

/** KEYS[1] = key, ARGV[1] = SHA-1 hex of the value it must hold. */
export const DELETE_IF_DIGEST = `
local current = redis.call('GET', KEYS[1])
if current and redis.sha1hex(current) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

/**
 * KEYS[1] = client key; ARGV = now (ms), limit, window (ms).
 * Returns {allowed (1/0), remaining, resetMs, retryMs}.
 */
export const GCRA = `
local now = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local window = tonumber(ARGV[3])
local interval = window / limit
local tat = tonumber(redis.call('GET', KEYS[1]))
if tat == nil or tat < now then tat = now end
local newTat = tat + interval
local allowAt = newTat - window
if now < allowAt then
  return {0, 0, math.ceil(tat - now), math.ceil(allowAt - now)}
end
redis.call('SET', KEYS[1], string.format('%.3f', newTat), 'PX', math.ceil(newTat - now))
local remaining = math.floor((now - allowAt) / interval + 1e-9)
return {1, remaining, math.ceil(newTat - now), 0}
`;
