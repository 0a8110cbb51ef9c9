// Renderer entry: pick the transport once, then mount the frame.
import { mount } from 'svelte';
import './lib/theme.css';
import App from './App.svelte';
import { createLabClient } from './lib/client';

mount(App, { target: document.getElementById('app')!, props: { client: createLabClient() } });
